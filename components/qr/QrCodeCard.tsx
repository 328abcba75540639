"use client";

import { QRCodeCanvas, QRCodeSVG } from "qrcode.react";
import { useRef } from "react";
import { Button } from "@/components/ui/Button";

/** The QR code of a sample or tray, with downloads for other tools (PNG for documents, SVG for print). */
export function QrCodeCard({ payload, id }: { payload: string; id: string }) {
  const svgHolder = useRef<HTMLDivElement>(null);
  const canvasHolder = useRef<HTMLDivElement>(null);
  const download = (href: string, extension: string) => {
    const link = document.createElement("a");
    link.href = href;
    link.download = `${id}.${extension}`;
    link.click();
  };
  return (
    <figure className="inline-block rounded-lg border border-slate-200 bg-white p-4 text-center">
      <div ref={svgHolder}>
        <QRCodeSVG value={payload} size={176} level="M" marginSize={4} title={`QR code of ${id}`} />
      </div>
      <div ref={canvasHolder} hidden>
        <QRCodeCanvas value={payload} size={600} level="M" marginSize={4} />
      </div>
      <figcaption className="mt-2 font-mono text-sm break-all text-slate-700">{payload}</figcaption>
      <div className="mt-3 flex justify-center gap-2 text-sm">
        <Button
          size="small"
          onClick={() => {
            const canvas = canvasHolder.current?.querySelector("canvas");
            if (canvas) download(canvas.toDataURL("image/png"), "png");
          }}
        >
          Download PNG
        </Button>
        <Button
          size="small"
          onClick={() => {
            const svg = svgHolder.current?.querySelector("svg");
            if (svg) download(URL.createObjectURL(new Blob([svg.outerHTML], { type: "image/svg+xml" })), "svg");
          }}
        >
          Download SVG
        </Button>
      </div>
    </figure>
  );
}
