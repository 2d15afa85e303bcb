/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { vi } from '../../core/messages/vi.js';

/** One photo in a gallery: its attachment id, where its copy stands, the alt text, and what to show under it. */
export interface GalleryPhoto {
  id: number;
  state: 'ready' | 'pending' | 'failed';
  alt: string;
  caption?: Child;
}

/**
 * The thumbnails of a report's or a model's photos, each opening the full size: one piece of
 * markup so both pages serve the same sizes through the one scoped photo route. A photo still
 * being fetched shows the route's placeholder; one that failed for good is a tile that says so
 * in words, never a broken image.
 */
export function PhotoGallery(props: { title: string; photos: readonly GalleryPhoto[] }) {
  const t = vi.web.report;
  const words = vi.photo;
  return (
    <section class="card">
      <h2>{props.title}</h2>
      {props.photos.length === 0 ? (
        <p class="muted">{t.noPhotos}</p>
      ) : (
        <div class="gallery">
          {props.photos.map((p) => (
            <figure class={p.state === 'ready' ? undefined : `photo-${p.state}`}>
              {p.state === 'failed' ? (
                <div class="photo-tile" role="img" aria-label={`${p.alt}: ${words.failed}`} title={words.failedWhy}>
                  {words.failed}
                </div>
              ) : (
                <a href={`/anh/${p.id}/full`}>
                  <img src={`/anh/${p.id}/thumb`} alt={p.state === 'pending' ? `${p.alt} (${words.pending})` : p.alt} loading="lazy" width="140" height="130" />
                </a>
              )}
              {p.caption ? <figcaption>{p.caption}</figcaption> : null}
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
