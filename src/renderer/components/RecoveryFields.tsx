import { useTranslation } from 'react-i18next';
import { Field } from './ui';

export interface RecoveryValues {
  code: string;
  newPin: string;
  newPinConfirm: string;
}

/**
 * The recovery code and a new owner PIN, typed twice: what both "forgot my PIN" and "restore
 * from a backup" ask for. `bad` names the fields main refused.
 */
export function RecoveryFields({
  values,
  onChange,
  bad,
  autoFocus = false,
}: {
  values: RecoveryValues;
  onChange(values: RecoveryValues): void;
  bad: string[];
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('recover.code')}
        value={values.code}
        onChange={(e) => onChange({ ...values, code: e.target.value })}
        autoComplete="off"
        className="mono"
        invalid={bad.includes('code') && ' '}
        autoFocus={autoFocus}
      />
      <Field
        label={t('recover.newPin')}
        type="password"
        value={values.newPin}
        onChange={(e) => onChange({ ...values, newPin: e.target.value })}
        invalid={(bad.includes('pin') || bad.includes('newPin')) && ' '}
      />
      <Field
        label={t('recover.newPinConfirm')}
        type="password"
        value={values.newPinConfirm}
        onChange={(e) => onChange({ ...values, newPinConfirm: e.target.value })}
        invalid={(bad.includes('pinConfirm') || bad.includes('newPinConfirm')) && ' '}
      />
    </>
  );
}
