import type { MetadataRoute } from "next";

/** The scanner as an installed app on the beamline tablets: full screen, straight to /scan. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Beamtime Sample Registry",
    short_name: "Sample scanner",
    description: "Scan sample and tray labels at the beamline: what it is, whose it is, where it sits.",
    start_url: "/scan",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#f8fafc",
    theme_color: "#00876c",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
