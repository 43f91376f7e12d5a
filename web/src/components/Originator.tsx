// The factor as originator of its payout files (PATCH /v1/settings `originator`, admin): the company id,
// origin and destination a NACHA file carries, and the IBAN and BIC a pain.001 file pays from. A new book has
// none of them, and its payout files are refused (`originator_not_set`) until they are set. Every staff role
// reads them; the form sends only the fields changed (an emptied one as "", which clears it). A refusal (a
// routing number whose check digit is wrong, an IBAN with the wrong length) is said beside its field, what
// was typed stays, and nothing is stored.
import { useState } from 'preact/hooks';
import { api, type Settings } from '../api';
import { Facts } from './Facts';
import { TextField } from './Field';
import { FormEnd } from './FormEnd';
import { useAction, useFields } from '../forms';

// [field in `originator`, label, hint, the field a refusal names]
const kFields: [string, string, string, string][] = [
  ['name', 'Originator name', 'the factor as the banks know it', 'name'],
  ['ach_company_id', 'ACH company id', 'NACHA: at most 10 characters, from the bank', 'ach_company_id'],
  ['ach_immediate_origin', 'ACH immediate origin', 'NACHA: as the bank gave it', 'ach_immediate_origin'],
  ['ach_origin_name', 'ACH origin name', 'NACHA: the factor’s name in the file header', 'ach_origin_name'],
  ['ach_odfi_routing', 'ODFI routing number', 'NACHA: the factor’s bank, 9 digits with the ABA check digit', 'ach_odfi_routing'],
  ['ach_destination', 'ACH destination routing number', 'NACHA: the bank receiving the file, 9 digits', 'ach_destination'],
  ['ach_destination_name', 'ACH destination name', 'NACHA: that bank’s name', 'ach_destination_name'],
  ['iban', 'IBAN', 'pain.001: the account EUR payouts are paid from', 'originator_iban'],
  ['bic', 'BIC', 'pain.001: 8 or 11 letters and digits', 'originator_bic'],
];

// The field a refusal names, as the server names it: the book names its own checks (originator_iban), the
// request reader the object's fields (originator.name).
const errorFields = kFields.flatMap(([name, , , error]) => [error, 'originator.' + name]);

export function Originator({ settings, admin, onChanged }: { settings: Settings; admin: boolean; onChanged: () => void }) {
  const stored = settings.originator;
  return (
    <div aria-labelledby="originator-title" role="group">
      <h3 id="originator-title">The originator of payout files</h3>
      <Facts class="facts wrap-values" items={kFields.map(([name, label]): [string, string] => [label, stored[name] || 'not set'])} />
      {admin && <OriginatorForm stored={stored} onChanged={onChanged} />}
    </div>
  );
}

function OriginatorForm({ stored, onChanged }: { stored: Record<string, string>; onChanged: () => void }) {
  const { form, set } = useFields(Object.fromEntries(kFields.map(([name]) => [name, stored[name] ?? ''])));
  const [done, setDone] = useState('');
  const action = useAction();
  const at = (name: string, error: string) => action.at(error) ?? action.at('originator.' + name);

  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const changed: Record<string, string> = {};
    for (const [name] of kFields) if (form[name].trim() !== (stored[name] ?? '')) changed[name] = form[name].trim();
    if (Object.keys(changed).length === 0) {
      setDone('Nothing changed.');
      return;
    }
    const saved = await action.run(() => api<Settings>('/v1/settings', { method: 'PATCH', body: { originator: changed } }));
    if (!saved) return;
    setDone(`Saved ${Object.keys(changed).length === 1 ? 'one field' : Object.keys(changed).length + ' fields'} of the originator.`);
    onChanged();
  }

  return (
    <details>
      <summary>Change the originator</summary>
      <form class="action" id="originator" onSubmit={submit} noValidate>
        <fieldset>
          <legend>The factor as originator of payout files</legend>
          {kFields.map(([name, label, hint, error]) => (
            <TextField key={name} id={'o-' + name.replace(/_/g, '-')} label={label} hint={hint} value={form[name]} onValue={set(name)} error={at(name, error)} />
          ))}
          <FormEnd action={action} fields={errorFields} label="Save the originator" busyLabel="Saving…" done={done} />
        </fieldset>
      </form>
    </details>
  );
}
