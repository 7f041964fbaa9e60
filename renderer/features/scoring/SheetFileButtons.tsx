import { useState } from 'react';
import Button from '@mui/material/Button';
import { useApi } from '../../app/api-context';
import { downloadFile } from '../../app/download';
import { useNotify } from '../../app/notify-context';
import { useUpload } from '../../app/upload';
import { FilePickButton } from '../../components/FilePickButton';
import { useI18n } from '../../i18n/i18n-context';

type Props = Readonly<{ roundId: number; memberId: number }>;

/** The offline sheet of one member: download it (XLSX), and import a filled-in one back (all or nothing). */
export function SheetFileButtons({ roundId, memberId }: Props) {
  const { client } = useApi();
  const { lang, t } = useI18n();
  const notify = useNotify();
  const upload = useUpload();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    const r = await client.call('judgement.exportSheet', { roundId, memberId, lang });
    if (!r.ok) return notify.error(r.error);
    downloadFile(r.value);
  };

  const importFile = async (file: File) => {
    setBusy(true);
    try {
      const sent = await upload(file);
      if (!sent.ok) return notify.error(sent.error);
      const r = await client.call('judgement.importSheet', { roundId, uploadId: sent.value.uploadId });
      if (!r.ok) return notify.error(r.error);
      notify.success(t.judgement.imported(r.value.memberName, r.value.changed));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="outlined" data-testid="sheet-export" onClick={() => void download()}>
        {t.judgement.exportSheet}
      </Button>
      <FilePickButton
        label={t.judgement.importSheet}
        busyLabel={t.judgement.importSheet}
        busy={busy}
        accept=".xlsx"
        variant="outlined"
        testId="sheet-import"
        inputTestId="sheet-import-file"
        onFile={(f) => void importFile(f)}
      />
    </>
  );
}
