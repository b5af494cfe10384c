// A warning before unsaved edits are lost: leaving by a link or the back button asks first
// (react-router's blocker), and closing or reloading the tab gets the browser's own prompt.
import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';

/** `dirty.current` says whether there is something to lose; set it false before navigating away after a save. */
export function useLeaveGuard() {
  const { t } = useTranslation('catalog');
  const { modal } = App.useApp();
  const dirty = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname);

  // One question per blocked navigation (the blocker object changes identity on every render).
  const current = useRef(blocker);
  current.current = blocker;
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      centered: true,
      title: t('leaveTitle'),
      content: t('leaveBody'),
      okText: t('leave'),
      cancelText: t('stay'),
      onOk: () => current.current.proceed?.(),
      onCancel: () => current.current.reset?.(),
    });
  }, [blocker.state]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return dirty;
}
