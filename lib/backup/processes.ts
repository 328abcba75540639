import "server-only";
import { spawn } from "node:child_process";
import { redact } from "@/lib/platform/config";

export function run(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function lastLines(text: string, count = 5): string {
  const lines = text.trim().split("\n").filter(Boolean);
  return redact(lines.slice(-count).join(" | ") || "no message");
}
