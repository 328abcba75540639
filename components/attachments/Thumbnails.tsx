import Link from "next/link";
import { formatDateTime } from "@/lib/shared/format";
import { datasetPath } from "@/lib/shared/page-paths";

/** An attached image as galleries show it; `datasetId` links it to its dataset's page. */
export type ThumbnailItem = {
  id: string;
  caption: string;
  thumbnail: string;
  datasetId: string | null;
  createdBy: string;
  createdAt: string;
};

/**
 * Attached images (SciCat attachments: thumbnails as data URIs), oldest first, each with its caption
 * and, when `linkDatasets`, the dataset it belongs to.
 */
export function Thumbnails({
  items,
  empty,
  linkDatasets = false,
}: {
  items: ThumbnailItem[];
  empty: string;
  linkDatasets?: boolean;
}) {
  if (items.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ul className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-3">
      {items.map((item) => (
        <li key={item.id}>
          <figure className="rounded-lg border border-slate-200 bg-white p-2 text-sm">
            {/* A data URI: next/image cannot optimise it, and it is small by construction. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={item.thumbnail}
              alt={item.caption || "Attached image"}
              className="mx-auto max-h-40 w-auto rounded object-contain"
              loading="lazy"
            />
            <figcaption className="mt-1">
              <span className="block font-medium">{item.caption || "Untitled image"}</span>
              {linkDatasets && item.datasetId && (
                <Link
                  className="text-brand-700 block truncate font-mono text-xs underline"
                  href={datasetPath(item.datasetId)}
                >
                  {item.datasetId}
                </Link>
              )}
              <span className="block text-xs text-slate-600">
                {item.createdBy}, {formatDateTime(new Date(item.createdAt))}
              </span>
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}
