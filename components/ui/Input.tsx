import type { ComponentProps } from "react";

/** The look of every text input, select and text area; an invalid one (aria-invalid) has a red border. */
const controlClass =
  "w-full rounded border border-slate-400 bg-white p-2.5 text-base aria-[invalid=true]:border-rose-600 focus:outline-2 focus:outline-brand-600";

const withControlClass = (className?: string) => (className ? `${controlClass} ${className}` : controlClass);

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={withControlClass(className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={withControlClass(className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={withControlClass(className)} {...props} />;
}

/** A radio button or checkbox with its label on the right, as every choice list here shows them. */
export function Choice({
  label,
  className,
  ...props
}: Omit<ComponentProps<"input">, "type"> & { type: "radio" | "checkbox"; label: React.ReactNode }) {
  return (
    <label className={`flex items-center gap-2 py-1 ${className ?? ""}`}>
      <input className="size-5 shrink-0" {...props} />
      {label}
    </label>
  );
}
