/** What the admin pages say while no SciCat target is configured. */
export function PublicationOff() {
  return (
    <p className="mt-2 max-w-2xl text-sm text-slate-700">
      Publishing to SciCat is <strong>off</strong>: no SciCat target is configured. Set SCICAT_PUBLISH_URL and a
      functional account (SCICAT_PUBLISH_USERNAME, SCICAT_PUBLISH_PASSWORD), see README, “Publishing to SciCat”.
    </p>
  );
}
