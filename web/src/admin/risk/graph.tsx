// A case's cluster drawn as an ECharts graph series (force layout): accounts as nodes, shared
// identifiers as edges. The graph series is registered here; the shared Chart wrapper draws it.
import { GraphChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { Chart } from '../charts';

echarts.use([GraphChart]);

export interface Cluster {
  nodes: { id: string; role: string }[];
  edges: { source: string; target: string; kinds: string[]; weight: number }[];
}

const COLOURS: Record<string, string> = { subject: '#d9363e', counterpart: '#f29b1d', linked: '#4b7bec' };

export function ClusterGraph({ cluster, label }: { cluster: Cluster; label: string }) {
  const option = useMemo(() => ({
    tooltip: { formatter: (p: { dataType: string; data: { name?: string; kinds?: string[] } }) => (p.dataType === 'edge' ? (p.data.kinds ?? []).join(', ') : p.data.name ?? '') },
    series: [{
      type: 'graph',
      layout: 'force',
      roam: true,
      force: { repulsion: 160, edgeLength: 70 },
      label: { show: true, formatter: (p: { data: { name: string } }) => p.data.name.slice(0, 8), fontSize: 10 },
      data: cluster.nodes.map((n) => ({ id: n.id, name: n.id, symbolSize: n.role === 'linked' ? 14 : 22, itemStyle: { color: COLOURS[n.role] ?? COLOURS.linked } })),
      links: cluster.edges.map((e) => ({ source: e.source, target: e.target, kinds: e.kinds, lineStyle: { width: Math.min(6, 1 + e.weight * 2), type: e.kinds.includes('network') && e.kinds.length === 1 ? 'dashed' : 'solid' } })),
    }],
  }), [cluster]);
  return <Chart option={option} height={320} label={label} />;
}
