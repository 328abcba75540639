"use client";

import { QRCodeSVG } from "qrcode.react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Field, labelClass } from "@/components/ui/Field";
import { Choice, Input, Select } from "@/components/ui/Input";
import { planQrCode } from "@/lib/shared/labels/content";
import { type Calibration, layoutLabels, maxCalibrationMm, maxCopies } from "@/lib/shared/labels/layout";
import { labelsPerPage, labelTemplates } from "@/lib/shared/labels/templates";
import { sampleChoices } from "@/lib/schemas/label-print";
import { countOf } from "@/lib/shared/format";
import { proposalPath } from "@/lib/shared/page-paths";

export type DesignerSample = {
  specimenId: string;
  text: string;
  trayId: string | null;
  position: string | null;
  printed: boolean;
  payload: string;
};
export type DesignerTray = { trayId: string; name: string; layout: string; payload: string };

type Props = {
  proposalId: string;
  samples: DesignerSample[];
  trays: DesignerTray[];
  calibrations: Record<string, Calibration>;
  /** A tray chosen on the proposal page ("print this tray"). */
  initialTray?: string;
};

const choiceNames: Record<(typeof sampleChoices)[number], string> = {
  all: "All samples",
  trays: "Samples in chosen trays",
  selected: "Chosen samples",
  unprinted: "Only samples not printed yet",
  none: "No samples (tray labels only)",
};

type OffsetTexts = Record<keyof Calibration, string>;
const unset: OffsetTexts = { xMm: "0", yMm: "0" };

type PreviewItem = { id: string; payload: string; lines: string[] };

/** Choose what to print and on which stock; preview at true size; download the PDF or print the preview. */
export function LabelDesigner({ proposalId, samples, trays, calibrations, initialTray }: Props) {
  const [templateId, setTemplateId] = useState(labelTemplates[0].id);
  const [choice, setChoice] = useState<(typeof sampleChoices)[number]>(initialTray ? "trays" : "all");
  const [sampleTrays, setSampleTrays] = useState<string[]>(initialTray ? [initialTray] : []);
  const [chosenSamples, setChosenSamples] = useState<string[]>([]);
  const [trayLabels, setTrayLabels] = useState<string[]>([]);
  const [copies, setCopies] = useState(1);
  const [skip, setSkip] = useState(0);
  // Offsets as typed: a number field being edited reports "" on its way to "-1.5" (after the "-"),
  // which must not be written back as "0".
  const [offsetTexts, setOffsetTexts] = useState<Record<string, OffsetTexts>>(() =>
    Object.fromEntries(
      Object.entries(calibrations).map(([id, { xMm, yMm }]) => [id, { xMm: String(xMm), yMm: String(yMm) }]),
    ),
  );
  const [show, setShow] = useState({ showProposal: true, showPosition: true, showDate: false });
  const template = labelTemplates.find((t) => t.id === templateId) ?? labelTemplates[0];
  const shownOffsets = offsetTexts[template.id] ?? unset;
  const calibration = useMemo<Calibration>(
    () => ({ xMm: Number(shownOffsets.xMm) || 0, yMm: Number(shownOffsets.yMm) || 0 }),
    [shownOffsets],
  );
  // Rolls print one label per page: nothing to skip, whatever was chosen for a sheet.
  const skipped = template.kind === "roll" ? 0 : skip;

  const items = useMemo<PreviewItem[]>(() => {
    const chosen = samples.filter((sample) =>
      choice === "all"
        ? true
        : choice === "trays"
          ? sample.trayId !== null && sampleTrays.includes(sample.trayId)
          : choice === "selected"
            ? chosenSamples.includes(sample.specimenId)
            : choice === "unprinted"
              ? !sample.printed
              : false,
    );
    return [
      ...chosen.map((s) => ({
        id: s.specimenId,
        payload: s.payload,
        lines: [
          s.text,
          s.specimenId,
          show.showProposal ? proposalId : "",
          show.showPosition && s.trayId ? `${s.trayId} ${s.position ?? ""}` : "",
        ].filter(Boolean),
      })),
      ...trays
        .filter((tray) => trayLabels.includes(tray.trayId))
        .map((tray) => ({
          id: tray.trayId,
          payload: tray.payload,
          lines: [tray.name, tray.trayId, show.showProposal ? proposalId : ""].filter(Boolean),
        })),
    ];
  }, [samples, trays, choice, sampleTrays, chosenSamples, trayLabels, show, proposalId]);

  const layout = useMemo(() => {
    if (items.length === 0) return { pages: [], error: "Nothing to print yet: choose samples or trays." };
    try {
      return { pages: layoutLabels({ template, items, copies, skip: skipped, calibration }), error: null };
    } catch (error) {
      const details = (error as { fieldErrors?: Record<string, string[]> }).fieldErrors;
      return {
        pages: [],
        error: details
          ? Object.entries(details)
              .map(([k, v]) => `${k}: ${v.join(" ")}`)
              .join("; ")
          : String(error),
      };
    }
  }, [items, template, copies, skipped, calibration]);
  const labelCount = items.length * copies;

  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  return (
    <div className="grid gap-8 lg:grid-cols-[24rem_1fr]">
      <style>{`@page { size: ${template.pageWidthMm}mm ${template.pageHeightMm}mm; margin: 0; }`}</style>
      <form
        method="post"
        action={`${proposalPath(proposalId)}/labels.pdf`}
        className="grid content-start gap-5 print:hidden"
      >
        <input type="hidden" name="flags" value="1" />
        <Field id="label-template" label="Label format" hint={template.printHint}>
          {(control) => (
            <Select {...control} name="templateId" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              {labelTemplates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          )}
        </Field>

        <fieldset>
          <legend className={labelClass}>Samples</legend>
          {sampleChoices.map((value) => (
            <Choice
              key={value}
              type="radio"
              name="samples"
              value={value}
              checked={choice === value}
              onChange={() => setChoice(value)}
              label={choiceNames[value]}
            />
          ))}
        </fieldset>
        {choice === "trays" && (
          <fieldset>
            <legend className={labelClass}>Print the samples of</legend>
            {trays.map((tray) => (
              <Choice
                key={tray.trayId}
                type="checkbox"
                name="sampleTrayIds"
                value={tray.trayId}
                checked={sampleTrays.includes(tray.trayId)}
                onChange={() => setSampleTrays(toggle(sampleTrays, tray.trayId))}
                label={`${tray.name} (${tray.trayId})`}
              />
            ))}
          </fieldset>
        )}
        {choice === "selected" && (
          <fieldset className="max-h-64 overflow-y-auto rounded border border-slate-200 p-2">
            <legend className={labelClass}>Print these samples</legend>
            {samples.map((sample) => (
              <Choice
                key={sample.specimenId}
                type="checkbox"
                name="specimenIds"
                value={sample.specimenId}
                checked={chosenSamples.includes(sample.specimenId)}
                onChange={() => setChosenSamples(toggle(chosenSamples, sample.specimenId))}
                label={
                  <>
                    {sample.specimenId} · {sample.text}
                    {sample.printed ? <span className="text-xs text-slate-600">(printed)</span> : null}
                  </>
                }
              />
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend className={labelClass}>Tray labels</legend>
          {trays.length === 0 && <p className="text-sm text-slate-600">No trays.</p>}
          {trays.map((tray) => (
            <Choice
              key={tray.trayId}
              type="checkbox"
              name="trayIds"
              value={tray.trayId}
              checked={trayLabels.includes(tray.trayId)}
              onChange={() => setTrayLabels(toggle(trayLabels, tray.trayId))}
              label={`Label for tray ${tray.name} (${tray.trayId})`}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend className={labelClass}>On each label, besides code, ID and label text</legend>
          {(
            [
              ["showProposal", "Proposal ID"],
              ["showPosition", "Tray and position"],
              ["showDate", "Date"],
            ] as const
          ).map(([key, name]) => (
            <Choice
              key={key}
              type="checkbox"
              name={key}
              value="true"
              checked={show[key]}
              onChange={() => setShow({ ...show, [key]: !show[key] })}
              label={name}
            />
          ))}
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <Field id="label-copies" label="Copies of each">
            {(control) => (
              <Input
                {...control}
                name="copies"
                type="number"
                min={1}
                max={maxCopies}
                value={copies}
                onChange={(e) => setCopies(Number(e.target.value))}
              />
            )}
          </Field>
          <Field id="label-skip" label="Skip first labels" hint="Labels already used on a partly used sheet.">
            {(control) => (
              <Input
                {...control}
                name="skip"
                type="number"
                min={0}
                max={labelsPerPage(template) - 1}
                value={skipped}
                disabled={template.kind === "roll"}
                onChange={(e) => setSkip(Number(e.target.value))}
              />
            )}
          </Field>
        </div>
        <fieldset className="grid grid-cols-2 gap-3">
          <legend className={labelClass}>Printer offset for this format (mm; + is right / down)</legend>
          {(["xMm", "yMm"] as const).map((axis) => (
            <Field key={axis} id={`label-${axis}`} label={axis === "xMm" ? "Horizontal offset" : "Vertical offset"}>
              {(control) => (
                <Input
                  {...control}
                  name={axis}
                  type="number"
                  step={0.1}
                  min={-maxCalibrationMm}
                  max={maxCalibrationMm}
                  value={shownOffsets[axis]}
                  onChange={(e) =>
                    setOffsetTexts({ ...offsetTexts, [template.id]: { ...shownOffsets, [axis]: e.target.value } })
                  }
                />
              )}
            </Field>
          ))}
        </fieldset>
        <p aria-live="polite" className="text-sm text-slate-700">
          {layout.error ??
            (template.kind === "roll"
              ? `${countOf(labelCount, "label")} from the roll.`
              : `${countOf(labelCount, "label")} on ${countOf(layout.pages.length, "sheet")}.`)}
        </p>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant="primary" size="large" disabled={!!layout.error}>
            Download PDF
          </Button>
          <Button disabled={!!layout.error} onClick={() => window.print()}>
            Print preview
          </Button>
        </div>
        <p className="text-xs text-slate-600">
          Print the PDF at 100 % (&ldquo;actual size&rdquo;, not &ldquo;fit to page&rdquo;). The offset is remembered
          for this format when you download.
        </p>
      </form>

      <section aria-label="Preview at true size" className="overflow-x-auto">
        <p className="mb-2 text-sm text-slate-600 print:hidden">
          Preview at true size{layout.pages.length > 2 ? ` (first 2 of ${layout.pages.length} pages)` : ""}:
        </p>
        {layout.pages.slice(0, 2).map((page) => (
          <div
            key={page.index}
            className="relative mb-6 border border-slate-300 bg-white shadow print:mb-0 print:border-0 print:shadow-none"
            style={{ width: `${template.pageWidthMm}mm`, height: `${template.pageHeightMm}mm`, breakAfter: "page" }}
          >
            {page.labels.map((label, index) => {
              const { qr, textArea } = planQrCode(label, label.item.payload, template.paddingMm);
              return (
                <div
                  key={index}
                  className="absolute"
                  style={{
                    left: `${label.xMm}mm`,
                    top: `${label.yMm}mm`,
                    width: `${label.widthMm}mm`,
                    height: `${label.heightMm}mm`,
                  }}
                >
                  <div className="absolute inset-0 rounded-sm outline outline-1 outline-slate-200 outline-dashed print:outline-0" />
                  <QRCodeSVG
                    value={label.item.payload}
                    level={qr.errorCorrection}
                    marginSize={0}
                    title={`QR code for ${label.item.id}`}
                    style={{
                      position: "absolute",
                      left: `${qr.xMm - label.xMm}mm`,
                      top: `${qr.yMm - label.yMm}mm`,
                      width: `${qr.sideMm}mm`,
                      height: `${qr.sideMm}mm`,
                    }}
                  />
                  <div
                    className="absolute overflow-hidden leading-tight"
                    style={{
                      left: `${textArea.xMm - label.xMm}mm`,
                      top: `${textArea.yMm - label.yMm}mm`,
                      width: `${textArea.widthMm}mm`,
                      height: `${textArea.heightMm}mm`,
                      fontSize: "7pt",
                    }}
                  >
                    {label.item.lines.map((line, i) => (
                      <div key={i} className={`truncate ${i === 1 ? "font-bold" : ""}`}>
                        {line}
                      </div>
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
        ))}
      </section>
    </div>
  );
}
