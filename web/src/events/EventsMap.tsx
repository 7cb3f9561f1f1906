import { useCallback, useRef } from 'preact/hooks';
import L from 'leaflet';
import { apiGet } from '../api/client.js';
import type { Cluster, EventPage } from '../api/types.js';
import { filterParams, type Filter } from '../filter.js';
import { useI18n } from '../i18n/context.js';
import { EVENT_MARKER, MARKERS_DRAWN } from '../map/basemap.js';
import { SyriaMap } from '../map/SyriaMap.js';
import { navigate } from '../router.js';
import { useTypeLabel } from '../vocabulary/labels.js';

/** Marker size grows with the log of the count, so 10,000 events still fit on the map. */
function clusterIcon(count: number, label: string): L.DivIcon {
  const size = Math.round(22 + 8 * Math.log10(Math.max(1, count)));
  const icon = document.createElement('span');
  icon.className = 'cluster-count';
  icon.textContent = label;
  icon.dataset['count'] = String(count);
  return L.divIcon({ html: icon, className: EVENT_MARKER, iconSize: [size, size] });
}

function isOnePoint(cluster: Cluster): boolean {
  const [w, s, e, n] = cluster.bbox;
  return Math.abs(e - w) < 1e-6 && Math.abs(n - s) < 1e-6;
}

/**
 * The events of the filter as clusters the server computes for the view, so
 * the browser never holds 100,000 markers. A click on a cluster zooms to its
 * events; where several events share one point, it opens their list instead.
 */
export function EventsMap({ filter }: { filter: Filter }) {
  const { t, num, date } = useI18n();
  const typeLabel = useTypeLabel();
  const layer = useRef<L.LayerGroup | null>(null);
  const shown = useRef(new Map<string, L.Marker>());
  const request = useRef(0);

  const openList = useCallback(
    async (map: L.Map, cluster: Cluster) => {
      const [w, s, e, n] = cluster.bbox;
      const page = await apiGet<EventPage>('/events', {
        ...filterParams(filter),
        bbox: [w, s, e, n].join(','),
        limit: 50,
      });
      const box = document.createElement('div');
      box.className = 'point-list';
      const title = document.createElement('strong');
      title.textContent = t('map.atPoint', { count: cluster.count });
      const list = document.createElement('ul');
      for (const event of page.events) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `/events/${encodeURIComponent(event.id)}`;
        link.textContent = `${typeLabel(event.sub_event_type)} · ${event.date.start === null ? '' : date(event.date.start)}`;
        item.append(link);
        list.append(item);
      }
      box.append(title, list);
      L.popup({ maxHeight: 260 }).setLatLng([cluster.lat, cluster.lon]).setContent(box).openOn(map);
    },
    [filter, t, date, typeLabel],
  );

  const draw = useCallback(
    async (map: L.Map) => {
      const mine = ++request.current;
      const b = map.getBounds();
      const reply = await apiGet<{ clusters: Cluster[] }>('/events/map', {
        ...filterParams(filter),
        bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
          .map((v) => v.toFixed(4))
          .join(','),
        zoom: Math.round(map.getZoom()),
      });
      if (mine !== request.current) return;
      // Markers the new view shares with the old one stay in place: a small pan
      // touches only the clusters that came in or went out, not every marker.
      const group = layer.current ?? L.layerGroup().addTo(map);
      layer.current = group;
      const next = new Map<string, Cluster>(
        reply.clusters.map((c) => [`${c.lat},${c.lon},${c.count}`, c]),
      );
      for (const [key, marker] of shown.current)
        if (!next.has(key)) {
          group.removeLayer(marker);
          shown.current.delete(key);
        }
      for (const [key, cluster] of next) {
        if (shown.current.has(key)) continue;
        const marker = L.marker([cluster.lat, cluster.lon], {
          icon: clusterIcon(cluster.count, num(cluster.count)),
          title: t('map.cluster', { count: cluster.count }),
          keyboard: true,
        });
        marker.on('click', () => {
          if (cluster.count === 1 && cluster.event != null)
            navigate(`/events/${encodeURIComponent(cluster.event)}`);
          else if (isOnePoint(cluster) || map.getZoom() >= map.getMaxZoom())
            void openList(map, cluster);
          else {
            const [w, s, e, n] = cluster.bbox;
            map.flyToBounds(
              [
                [s, w],
                [n, e],
              ],
              { padding: [30, 30], maxZoom: map.getMaxZoom(), duration: 0.4 },
            );
          }
        });
        group.addLayer(marker);
        shown.current.set(key, marker);
      }
      map.fire(MARKERS_DRAWN);
    },
    [filter, num, t, openList],
  );

  const onReady = useCallback(
    (map: L.Map) => {
      const refresh = () => void draw(map).catch(() => undefined);
      map.on('moveend', refresh);
      refresh();
      return () => {
        map.off('moveend', refresh);
        layer.current?.remove();
        layer.current = null;
        shown.current.clear();
      };
    },
    [draw],
  );

  return <SyriaMap label={t('map.label')} onReady={onReady} className="events-map" />;
}
