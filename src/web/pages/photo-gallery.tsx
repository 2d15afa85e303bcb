/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { vi } from '../../core/messages/vi.js';

/** One photo in a gallery: its attachment id, the alt text, and what to show under it. */
export interface GalleryPhoto {
  id: number;
  alt: string;
  caption?: Child;
}

/**
 * The thumbnails of a report's or a model's photos, each opening the full size: one piece of
 * markup so both pages serve the same sizes through the one scoped photo route.
 */
export function PhotoGallery(props: { title: string; photos: readonly GalleryPhoto[] }) {
  return (
    <section class="card">
      <h2>{props.title}</h2>
      {props.photos.length === 0 ? (
        <p class="muted">{vi.web.report.noPhotos}</p>
      ) : (
        <div class="gallery">
          {props.photos.map((p) => (
            <figure>
              <a href={`/anh/${p.id}/full`}>
                <img src={`/anh/${p.id}/thumb`} alt={p.alt} loading="lazy" width="140" height="130" />
              </a>
              {p.caption ? <figcaption>{p.caption}</figcaption> : null}
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
