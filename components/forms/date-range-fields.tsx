/** The From / To day fields of a list's filter form (GET, so the range lives in the URL). */
export function DateRangeFields({ from, to, inputClassName }: { from: string | undefined; to: string | undefined; inputClassName: string }) {
  return (
    <>
      <label>
        <span className="block font-medium text-slate-700">From</span>
        <input name="from" type="date" defaultValue={from ?? ""} className={inputClassName} />
      </label>
      <label>
        <span className="block font-medium text-slate-700">To</span>
        <input name="to" type="date" defaultValue={to ?? ""} className={inputClassName} />
      </label>
    </>
  );
}
