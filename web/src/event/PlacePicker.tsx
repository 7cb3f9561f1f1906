import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import L from 'leaflet';
import { apiGet } from '../api/client.js';
import type { Place } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { SyriaMap } from '../map/SyriaMap.js';
import { closeOnLeave } from './picker.js';
import { placeDetails, placeName } from './place-rows.js';

interface Props {
  onPick: (place: Place) => void;
  onCancel: () => void;
}

/** Searches the gazetteer as one types; the small map shows where each candidate is. */
export function PlacePicker({ onPick, onCancel }: Props) {
  const { t, lang } = useI18n();
  const [words, setWords] = useState('');
  const [places, setPlaces] = useState<Place[]>([]);
  const [chosen, setChosen] = useState<Place | null>(null);
  const map = useRef<L.Map | null>(null);
  const search = useRef<HTMLInputElement>(null);
  // Opened from a field's «تصحيح» button: the keyboard goes on where the picker is.
  useEffect(() => {
    search.current?.focus();
  }, []);
  const dots = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (words.trim().length < 2) {
      setPlaces([]);
      return undefined;
    }
    const abort = new AbortController();
    apiGet<{ places: Place[] }>('/gazetteer', { q: words, limit: 12 }, abort.signal).then(
      (reply) => {
        setPlaces(reply.places);
      },
      () => undefined,
    );
    return () => {
      abort.abort();
    };
  }, [words]);

  useEffect(() => {
    const m = map.current;
    if (m === null) return;
    dots.current?.remove();
    const group = L.layerGroup(
      places.map((p) =>
        L.circleMarker([p.lat, p.lon], {
          radius: p.id === chosen?.id ? 8 : 5,
          color: p.id === chosen?.id ? '#a11a2a' : '#0b5c8a',
          fillOpacity: 0.8,
        }),
      ),
    ).addTo(m);
    dots.current = group;
    if (chosen !== null) m.setView([chosen.lat, chosen.lon], 9);
  }, [places, chosen]);

  const onReady = useCallback((m: L.Map) => {
    map.current = m;
    return () => {
      map.current = null;
    };
  }, []);

  return (
    <div class="place-picker" {...closeOnLeave(onCancel)}>
      <label>
        {t('event.pickPlace')}
        <input
          ref={search}
          type="search"
          dir="auto"
          value={words}
          onInput={(e) => {
            setWords(e.currentTarget.value);
          }}
        />
      </label>
      <ul class="candidates" role="listbox" aria-label={t('event.pickPlace')}>
        {places.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              role="option"
              aria-selected={p.id === chosen?.id}
              onClick={() => {
                setChosen(p);
              }}
            >
              {placeName(lang, p)}
              {placeDetails(lang, p, places).map((part) => (
                <span class="muted" key={part}>
                  {' · '}
                  {part}
                </span>
              ))}
            </button>
          </li>
        ))}
      </ul>
      <SyriaMap label={t('event.pickPlace')} onReady={onReady} className="small-map" />
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={chosen === null}
          onClick={() => {
            if (chosen !== null) onPick(chosen);
          }}
        >
          {t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
