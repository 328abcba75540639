import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import QRCode from "qrcode";

/** The QR code of `text` as rows of dark (true) and light modules. */
function qrModules(text: string): { size: number; dark: boolean[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: Array.from(modules.data, (bit) => bit === 1) };
}

/**
 * A Y4M video for Chromium's fake camera (--use-file-for-fake-video-capture): a few grey frames,
 * as when the tablet is still moving, then the code, centred with its quiet zone. YUV 4:2:0: the
 * luma plane carries the picture, both chroma planes stay neutral (128). Chromium loops the file.
 */
export function writeQrVideo(
  file: string,
  text: string,
  options = { width: 640, height: 480, greyFrames: 6, codeFrames: 24 },
) {
  const { width, height, greyFrames, codeFrames } = options;
  const { size, dark } = qrModules(text);
  const quietZone = 4;
  const scale = Math.floor((Math.min(width, height) * 0.8) / (size + 2 * quietZone));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const white = 235;
  const black = 16;

  const code = Buffer.alloc(width * height, white);
  for (let row = 0; row < size; row += 1)
    for (let column = 0; column < size; column += 1)
      if (dark[row * size + column])
        for (let y = 0; y < scale; y += 1)
          code.fill(
            black,
            (top + row * scale + y) * width + left + column * scale,
            (top + row * scale + y) * width + left + (column + 1) * scale,
          );
  const grey = Buffer.alloc(width * height, 128);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = (luma: Buffer) => [Buffer.from("FRAME\n"), luma, chroma];
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`),
      ...Array.from({ length: greyFrames }, () => frame(grey)).flat(),
      ...Array.from({ length: codeFrames }, () => frame(code)).flat(),
    ]),
  );
}

/**
 * Another code without relaunching the browser: getUserMedia answers with a canvas that shows the
 * code. It skips Chromium's capture path, so at least one test keeps the real fake camera.
 */
export async function showCodeToCamera(page: Page, text: string): Promise<void> {
  await page.addInitScript(({ size, dark }) => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const draw = () => {
      const context = canvas.getContext("2d");
      if (!context) return;
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      const scale = Math.floor((canvas.height * 0.8) / (size + 8));
      const left = Math.floor((canvas.width - size * scale) / 2);
      const top = Math.floor((canvas.height - size * scale) / 2);
      context.fillStyle = "#000";
      for (let row = 0; row < size; row += 1)
        for (let column = 0; column < size; column += 1)
          if (dark[row * size + column]) context.fillRect(left + column * scale, top + row * scale, scale, scale);
    };
    navigator.mediaDevices.getUserMedia = async () => {
      draw();
      // A canvas stream sends frames only when the canvas changes.
      setInterval(draw, 100);
      return canvas.captureStream(10);
    };
  }, qrModules(text));
}
