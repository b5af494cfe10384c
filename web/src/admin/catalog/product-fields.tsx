// Form pieces shared by creating and editing a product: title, subtitle, description, the
// category picked from the tree, and images uploaded into a picture wall (up to 9, first is the cover).
import { App, Form, Input, TreeSelect, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { useErrorText } from '../../shared/ui';
import { MEDIA_MAX_BYTES, MEDIA_TYPES, readBase64, treeOptions, useCategoryTree, type MediaType } from './data';

export const IMAGES_MAX = 9;

export function ProductBasics() {
  const { t, i18n } = useTranslation('catalog');
  const tree = useCategoryTree();
  return (
    <>
      <Form.Item name="title" label={t('title')} rules={[{ required: true, whitespace: true, message: t('titleRequired') }, { max: 80, message: t('titleTooLong') }]}>
        <Input maxLength={80} showCount />
      </Form.Item>
      <Form.Item name="subtitle" label={t('subtitle')} rules={[{ max: 120 }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="categoryId" label={t('category')} rules={[{ required: true, message: t('categoryRequired') }]}>
        <TreeSelect showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll placeholder={t('chooseCategory')} loading={tree.isLoading} treeData={treeOptions(tree.data?.items, i18n.language === 'en')} />
      </Form.Item>
      <Form.Item name="images" label={t('images')} extra={t('imagesHint')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}>
        <ImageWall />
      </Form.Item>
      <Form.Item name="description" label={t('description')} rules={[{ max: 5000 }]}>
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
    </>
  );
}

/** Images already stored, as the picture wall's files. */
export const imagesToFiles = (urls: readonly string[]): UploadFile[] => urls.map((url, i) => ({ uid: `stored-${i}-${url}`, name: url.split('/').pop() ?? url, status: 'done', url }));

/** The stored URLs of the wall's files, in order; null while one is still uploading or has failed. */
export function filesToImages(files: readonly UploadFile[] | undefined): string[] | null {
  const list = files ?? [];
  if (list.some((f) => f.status !== 'done' || !f.url)) return null;
  return list.map((f) => f.url!);
}

/** A picture wall: each chosen file is checked (type, size) and uploaded at once; its URL lands on the file. */
function ImageWall({ fileList, onChange }: { fileList?: UploadFile[]; onChange?: (e: { fileList: UploadFile[] }) => void }) {
  const { t } = useTranslation('catalog');
  const errorText = useErrorText();
  const { message } = App.useApp();
  return (
    <Upload
      listType="picture-card"
      accept={MEDIA_TYPES.join(',')}
      multiple
      maxCount={IMAGES_MAX}
      fileList={fileList ?? []}
      beforeUpload={(file) => {
        // Checked here too so a wrong file is explained at once, without a round trip.
        const problem = !(MEDIA_TYPES as readonly string[]).includes(file.type) ? t('imageBadType') : file.size > MEDIA_MAX_BYTES ? t('imageTooBig') : null;
        if (!problem) return true;
        void message.error(problem);
        return Upload.LIST_IGNORE;
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const blob = file as File;
          const media = await call(api.POST('/api/v1/admin/media', { body: { contentType: blob.type as MediaType, dataBase64: await readBase64(blob) } }));
          onSuccess?.(media);
        } catch (err) {
          onError?.(Object.assign(new Error(errorText(err)), { status: 400 }));
        }
      }}
      onChange={({ fileList: next }) =>
        onChange?.({
          fileList: next.map((f) => {
            const stored = f.response as { url?: string } | undefined;
            return f.status === 'done' && !f.url && stored?.url ? { ...f, url: stored.url, thumbUrl: stored.url } : f.status === 'error' ? { ...f, response: f.error?.message } : f;
          }),
        })
      }
    >
      {(fileList?.length ?? 0) >= IMAGES_MAX ? null : (
        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <div aria-hidden="true" style={{ fontSize: 20, lineHeight: 1 }}>+</div>
          <div style={{ marginTop: 8 }}>{t('upload')}</div>
        </button>
      )}
    </Upload>
  );
}
