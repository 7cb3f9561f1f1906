import { useEffect, useRef, useState } from 'preact/hooks';
import L from 'leaflet';
import { useI18n } from '../i18n/context.js';
import { drawBaseMap, loadBoundaries, syriaBounds } from './basemap.js';

interface Props {
  /** Called once the map and its base layers exist; returns a clean-up. */
  onReady?: (map: L.Map) => (() => void) | undefined;
  className?: string;
  label: string;
}

/**
 * A Leaflet map of Syria on the shipped boundaries. Leaflet lays out its panes
 * left to right whatever the page direction, so the map box is always `ltr`.
 */
export function SyriaMap({ onReady, className, label }: Props) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const zoom = useRef<L.Control.Zoom | null>(null);

  useEffect(() => {
    if (box.current === null) return undefined;
    const created = L.map(box.current, {
      zoomSnap: 0.5,
      minZoom: 5,
      maxZoom: 16,
      maxBounds: syriaBounds.pad(0.5),
      attributionControl: true,
      zoomControl: false,
    });
    created.fitBounds(syriaBounds);
    created.attributionControl.setPrefix(false);
    zoom.current = L.control.zoom().addTo(created);
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
    };
  }, []);

  useEffect(() => {
    if (map === null) return undefined;
    let layers: L.Layer[] = [];
    let live = true;
    map.attributionControl.addAttribution(t('map.credit'));
    loadBoundaries()
      .then((boundaries) => {
        if (live) layers = drawBaseMap(map, boundaries, lang);
      })
      .catch((error: unknown) => {
        setFailed(String(error));
      });
    return () => {
      live = false;
      map.attributionControl.removeAttribution(t('map.credit'));
      for (const layer of layers) layer.remove();
    };
  }, [map, lang, t]);

  useEffect(() => {
    // The zoom buttons speak the reader's language too (their titles are what screen readers say).
    const control = zoom.current;
    if (map === null || control === null) return;
    control.remove();
    zoom.current = L.control
      .zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') })
      .addTo(map);
  }, [map, t]);

  useEffect(() => {
    if (map === null || onReady === undefined) return undefined;
    return onReady(map);
  }, [map, onReady]);

  return (
    <div class={`map-frame ${className ?? ''}`}>
      <div ref={box} class="map" dir="ltr" role="region" aria-label={label} />
      {failed !== null && <p class="error">{t('common.error', { message: failed })}</p>}
    </div>
  );
}
