import { z } from "zod";

/** Thumbnails are small previews: 700 000 characters of data URI hold a 500 kB image. */
export const maxThumbnailLength = 700_000;

/** Attachments per dataset, sample or proposal: a page shows them all, so their number is bounded. */
export const maxAttachmentsPerRecord = 20;

/**
 * Image types a browser shows inline without running anything: SVG (which can carry scripts when
 * opened on its own) is not among them.
 */
export const thumbnailTypes = ["png", "jpeg", "gif", "webp"] as const;

const thumbnailPattern = new RegExp(`^data:image/(${thumbnailTypes.join("|")});base64,[A-Za-z0-9+/]+={0,2}$`);

/**
 * SciCat Attachment: a thumbnail image of a dataset, sample or proposal with a caption. SciCat
 * keeps it as a data URI, and so does this registry.
 */
export const attachmentSchema = z.object({
  thumbnail: z
    .string({ error: "thumbnail is required: a data URI such as data:image/png;base64,iVBOR…" })
    .max(maxThumbnailLength, `thumbnail: at most ${maxThumbnailLength} characters`)
    .regex(
      thumbnailPattern,
      `thumbnail: a base64 data URI of an image (${thumbnailTypes.join(", ")}), e.g. data:image/png;base64,iVBOR…`,
    ),
  caption: z.string().trim().max(2000, "caption: at most 2000 characters").default(""),
  ownerGroup: z.string().trim().min(1).max(200).optional(),
  accessGroups: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
});

export type AttachmentInput = z.input<typeof attachmentSchema>;
