"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Html5Qrcode } from "html5-qrcode";
import { Button } from "@/components/ui/Button";
import { Select } from "@/components/ui/Input";

const cameraKey = "scanner.cameraId";

/** Timestamps for the scan timings (window.__scanTimings). */
const now = () => performance.now();

type Camera = { id: string; label: string };
type Zoom = { min: number; max: number; step: number; value: number };

/** What went wrong with the camera, in words staff can act on. */
function cameraProblem(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/NotAllowed|Permission|denied/i.test(text))
    return "Camera access was denied. Allow the camera for this site in the browser's settings, then press Start camera again.";
  if (/NotFound|Overconstrained|no camera|Requested device not found/i.test(text))
    return "No camera was found on this device. Use a handheld scanner, or type the ID below.";
  if (/NotReadable|in use|Could not start/i.test(text))
    return "The camera is in use by another app or tab. Close it there, then press Start camera again.";
  return `The camera could not be started (${text}). Use a handheld scanner, or type the ID below.`;
}

/**
 * The tablet camera as a QR reader. html5-qrcode is imported only when the camera starts, so the
 * scanner page loads fast on beamline Wi-Fi and handheld scanners work without it.
 */
export function CameraScanner({
  onCode,
  onStarted,
}: {
  onCode: (text: string, decodedAt: number) => void;
  onStarted: (startedAt: number) => void;
}) {
  const regionId = `viewfinder-${useId().replace(/:/g, "")}`;
  const scanner = useRef<Html5Qrcode | null>(null);
  const latest = useRef({ onCode, onStarted });
  const [state, setState] = useState<"off" | "starting" | "on">("off");
  const [problem, setProblem] = useState<string | null>(null);
  const [cameras, setCameras] = useState<Camera[]>([]);
  // Read only in the browser; the camera list that shows it appears only after the camera starts.
  const [cameraId, setCameraId] = useState(() =>
    typeof window === "undefined" ? "" : (localStorage.getItem(cameraKey) ?? ""),
  );
  const [torch, setTorch] = useState<boolean | null>(null);
  const [zoom, setZoom] = useState<Zoom | null>(null);

  useEffect(() => {
    latest.current = { onCode, onStarted };
  }, [onCode, onStarted]);

  useEffect(() => {
    return () => {
      const running = scanner.current;
      if (running?.isScanning) void running.stop().catch(() => undefined);
    };
  }, []);

  async function start(deviceId = cameraId) {
    setProblem(null);
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      setProblem(
        "The camera needs a secure connection: open this page over https:// (or on localhost). Handheld scanners and typing work anyway.",
      );
      return;
    }
    setState("starting");
    try {
      const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import("html5-qrcode");
      if (scanner.current?.isScanning) await scanner.current.stop();
      scanner.current ??= new Html5Qrcode(regionId, {
        verbose: false,
        formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
      });
      await scanner.current.start(
        deviceId ? { deviceId: { exact: deviceId } } : { facingMode: "environment" },
        {
          fps: 10,
          // The visible scan box: most of the picture, so a label need not be aimed precisely.
          qrbox: (width, height) => {
            const side = Math.max(120, Math.floor(Math.min(width, height) * 0.75));
            return { width: side, height: side };
          },
        },
        (text) => latest.current.onCode(text, now()),
        () => undefined,
      );
      latest.current.onStarted(now());
      setState("on");
      readCapabilities(scanner.current);
      // Labels of cameras are readable only once the camera is allowed.
      const devices = await navigator.mediaDevices.enumerateDevices();
      setCameras(
        devices
          .filter((device) => device.kind === "videoinput")
          .map((device, index) => ({ id: device.deviceId, label: device.label || `Camera ${index + 1}` })),
      );
    } catch (error) {
      setState("off");
      setProblem(cameraProblem(error));
    }
  }

  /** Torch and zoom exist on some tablets only: offered when the running track says so. */
  function readCapabilities(running: Html5Qrcode) {
    try {
      const capabilities = running.getRunningTrackCameraCapabilities();
      const torchFeature = capabilities.torchFeature();
      setTorch(torchFeature.isSupported() ? Boolean(torchFeature.value()) : null);
      const zoomFeature = capabilities.zoomFeature();
      setZoom(
        zoomFeature.isSupported()
          ? {
              min: zoomFeature.min(),
              max: zoomFeature.max(),
              step: zoomFeature.step(),
              value: zoomFeature.value() ?? zoomFeature.min(),
            }
          : null,
      );
    } catch {
      setTorch(null);
      setZoom(null);
    }
  }

  async function stop() {
    if (scanner.current?.isScanning) await scanner.current.stop();
    setState("off");
    setTorch(null);
    setZoom(null);
  }

  function chooseCamera(id: string) {
    setCameraId(id);
    if (id) localStorage.setItem(cameraKey, id);
    else localStorage.removeItem(cameraKey);
    if (state === "on") void start(id);
  }

  return (
    <section aria-labelledby={`${regionId}-heading`} className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id={`${regionId}-heading`} className="sr-only">
        Camera
      </h2>
      <div
        id={regionId}
        className={`mx-auto w-full max-w-xl overflow-hidden rounded bg-slate-900 ${state === "off" ? "hidden" : ""}`}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {state === "on" ? (
          <Button size="touch" onClick={() => void stop()}>
            Stop camera
          </Button>
        ) : (
          <Button variant="primary" size="touch" disabled={state === "starting"} onClick={() => void start()}>
            {state === "starting" ? "Starting camera…" : "Start camera"}
          </Button>
        )}
        {cameras.length > 1 && (
          <label className="flex items-center gap-2">
            Camera
            <Select className="min-h-12 w-auto" value={cameraId} onChange={(event) => chooseCamera(event.target.value)}>
              <option value="">Back camera (default)</option>
              {cameras.map((camera) => (
                <option key={camera.id} value={camera.id}>
                  {camera.label}
                </option>
              ))}
            </Select>
          </label>
        )}
        {torch !== null && (
          <Button
            size="touch"
            aria-pressed={torch}
            onClick={() => {
              const next = !torch;
              void scanner.current
                ?.getRunningTrackCameraCapabilities()
                .torchFeature()
                .apply(next)
                .then(() => setTorch(next));
            }}
          >
            Torch
          </Button>
        )}
        {zoom && (
          <label className="flex items-center gap-2">
            Zoom
            <input
              type="range"
              className="h-12 w-40"
              min={zoom.min}
              max={zoom.max}
              step={zoom.step}
              value={zoom.value}
              onChange={(event) => {
                const value = Number(event.target.value);
                setZoom({ ...zoom, value });
                void scanner.current?.getRunningTrackCameraCapabilities().zoomFeature().apply(value);
              }}
            />
          </label>
        )}
      </div>
      {problem && (
        <p role="alert" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {problem}
        </p>
      )}
      <p className="mt-2 text-sm text-slate-600">
        Cameras work only over HTTPS (or on localhost). Hold the label inside the box; a beep confirms each scan.
      </p>
    </section>
  );
}
