/** A field's error, linked from the input with aria-describedby so screen readers announce it. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-rose-700">
      {message}
    </p>
  );
}

export const inputClass =
  "w-full rounded border border-slate-400 p-2.5 text-base aria-[invalid=true]:border-rose-600 focus:outline-2 focus:outline-brand-600";
export const labelClass = "mb-1 block text-sm font-medium text-slate-800";
export const primaryButtonClass =
  "rounded bg-brand-700 px-5 py-3 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
export const secondaryButtonClass = "rounded border border-slate-400 bg-white px-4 py-2.5 hover:bg-slate-100";
