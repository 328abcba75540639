import Link from "next/link";
import type { ComponentProps } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "danger-outline";
/** `touch`: at least 48 px high, for the scanner's gloved hands on a tablet. */
export type ButtonSize = "small" | "medium" | "large" | "touch";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-900",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "bg-rose-700 text-white hover:bg-rose-800",
  "danger-outline": "border border-rose-300 bg-white text-rose-800 hover:bg-rose-50",
};
const sizes: Record<ButtonSize, string> = {
  small: "px-3 py-2 text-sm",
  medium: "px-4 py-2.5",
  large: "px-5 py-3",
  touch: "min-h-12 px-4 py-2",
};

/** The classes of a button, for the rare element that must look like one without being a Button or ButtonLink. */
export function buttonClass(variant: ButtonVariant = "secondary", size: ButtonSize = "medium", extra = ""): string {
  return [
    "inline-flex items-center justify-center rounded font-medium",
    "focus-visible:outline-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2",
    "disabled:cursor-not-allowed disabled:opacity-60",
    variants[variant],
    sizes[size],
    extra,
  ].join(" ");
}

type Look = { variant?: ButtonVariant; size?: ButtonSize };

/** A button; `type` is "button" unless it is given, so no button submits a form by accident. */
export function Button({ variant, size, className, type = "button", ...props }: ComponentProps<"button"> & Look) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}

/** A link that looks like a button: for actions that open a page (New sample, Edit proposal). */
export function ButtonLink({ variant, size, className, ...props }: ComponentProps<typeof Link> & Look) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}
