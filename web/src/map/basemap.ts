/**
 * The offline base map: governorate and district boundaries shipped with wathiq
 * (data/boundaries, derived from OCHA's by scripts/build-boundaries.ts), drawn
 * as vector layers. No tile server: the map works with no internet at all.
 */
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import boundariesUrl from '../../../data/boundaries/syria.topo.json?url';
import type { Lang } from '../i18n/i18n.js';
import { freeSpot, type LabelBox } from './labels.js';

export interface AreaProps {
  pcode: string;
  ar: string;
  en: string;
  parent?: string;
}

export interface Boundaries {
  governorates: FeatureCollection<Geometry, AreaProps>;
  districts: FeatureCollection<Geometry, AreaProps>;
}

type BoundaryTopology = Topology<{
  governorates: GeometryCollection<AreaProps>;
  districts: GeometryCollection<AreaProps>;
}>;

let loading: Promise<Boundaries> | null = null;

/** Fetched once per page from the app's own server, then shared by every map. */
export function loadBoundaries(): Promise<Boundaries> {
  loading ??= fetch(boundariesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`boundaries: HTTP ${response.status}`);
      return response.json() as Promise<BoundaryTopology>;
    })
    .then((topo) => ({
      governorates: feature(topo, topo.objects.governorates),
      districts: feature(topo, topo.objects.districts),
    }));
  return loading;
}

/** Syria with a little margin: where every map opens. */
export const syriaBounds = L.latLngBounds([32.3, 35.6], [37.4, 42.4]);

/** A pane's outlines drawn on a canvas of their own: each path takes the GeoJSON layer's options. */
function onCanvas(pane: string): L.GeoJSONOptions {
  const options: L.GeoJSONOptions & L.PathOptions = { pane, renderer: L.canvas({ pane }) };
  return options;
}

/**
 * Draws districts (thin) under governorates (outlined, named) in their own
 * panes, below the events. Returns the layers so the caller can remove them.
 */
export function drawBaseMap(map: L.Map, boundaries: Boundaries, lang: Lang): L.Layer[] {
  (map.getPane('districts') ?? map.createPane('districts')).style.zIndex = '250';
  (map.getPane('governorates') ?? map.createPane('governorates')).style.zIndex = '260';
  // Drawn on canvases, not as hundreds of SVG paths: a pan or a zoom redraws
  // two pictures instead of restyling and laying out every path.
  const districts = L.geoJSON(boundaries.districts, {
    ...onCanvas('districts'),
    interactive: false,
    style: { color: '#9aa7b4', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 },
  });
  const governorates = L.geoJSON(boundaries.governorates, {
    ...onCanvas('governorates'),
    interactive: false,
    style: { color: '#5b6b7a', weight: 1.4, fill: false },
  });
  // Largest governorates first: where two names would cover each other, the larger area keeps its name.
  const named = boundaries.governorates.features
    .map((area) => {
      const bounds = L.geoJSON(area).getBounds();
      const size = (bounds.getNorth() - bounds.getSouth()) * (bounds.getEast() - bounds.getWest());
      const marker = L.marker(bounds.getCenter(), {
        pane: 'governorates',
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: 'map-area-label',
          html: '',
          iconSize: [0, 0],
        }),
      }).bindTooltip(textElement(lang === 'ar' ? area.properties.ar : area.properties.en), {
        permanent: true,
        direction: 'center',
        className: 'map-area-label',
      });
      return { size, marker };
    })
    .sort((x, y) => y.size - x.size);
  const labels = L.layerGroup(named.map((n) => n.marker));
  const declutter = () => {
    // Every write, then every read, then every write: one layout for all the
    // names, not one forced by each name's box read after the last one moved
    // (fourteen layouts of a page full of markers made a frame too long).
    const elements = named.flatMap(({ marker }) => marker.getTooltip()?.getElement() ?? []);
    for (const element of elements) {
      element.classList.remove('crowded');
      element.style.marginLeft = '';
      element.style.marginTop = '';
    }
    // The event markers drawn now: a name is moved off them, never hidden under one.
    const markers = [...map.getContainer().querySelectorAll(`.${EVENT_MARKER}`)].map((el) =>
      el.getBoundingClientRect(),
    );
    const boxes = elements.map((element) => element.getBoundingClientRect());
    const kept: LabelBox[] = [];
    const spots = boxes.map((box) => {
      const spot = freeSpot(box, markers, kept);
      if (spot !== null) kept.push(spot.box);
      return spot;
    });
    elements.forEach((element, k) => {
      const spot = spots[k] ?? null;
      if (spot === null) {
        element.classList.add('crowded');
        return;
      }
      element.style.marginLeft = `${String(spot.dx)}px`;
      element.style.marginTop = `${String(spot.dy)}px`;
    });
  };
  map.on('zoomend', declutter);
  map.on(MARKERS_DRAWN, declutter);
  labels.on('remove', () => {
    map.off('zoomend', declutter);
    map.off(MARKERS_DRAWN, declutter);
  });
  for (const layer of [districts, governorates, labels]) layer.addTo(map);
  declutter();
  return [districts, governorates, labels];
}

/** The class of the event layer's markers: the governorates' names keep clear of them. */
export const EVENT_MARKER = 'cluster';
/** Fired on the map by the event layer when its markers change. */
export const MARKERS_DRAWN = 'wathiq:markers';

/** Leaflet puts a string into the page as HTML; an element with text content is never parsed. */
export function textElement(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}
