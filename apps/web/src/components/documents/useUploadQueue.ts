import { useEffect, useRef, useState } from 'react';
import { DEFAULT_MAX_BYTES, hasAcceptedExtension, uploadDocument, uploadedOf, type UploadedDocument } from '../../api/documents';
import { problemOf } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { formatBytes } from '../../lib/bytes';
import { uploadFailureWording } from './document-words';

/** One file on its way: waiting, being sent (with the fraction sent), or refused (with why, in words). */
export interface QueueItem {
  key: number;
  name: string;
  role: string;
  status: 'queued' | 'uploading' | 'failed';
  progress: number;
  error?: string;
  /** A hint that does not stop the upload (an unexpected extension: the server judges by content). */
  hint?: string;
}

/**
 * Files are sent one at a time, in the order given (several may wait): a failed one stays listed with
 * its reason until dismissed; a finished one leaves the queue and is reported with `onUploaded`.
 * Size is checked before sending (no point sending 60 MB to be told 413), the type only hinted: the
 * server decides by the bytes.
 */
export function useUploadQueue(onUploaded: (doc: UploadedDocument) => void, maxBytes = DEFAULT_MAX_BYTES) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<QueueItem[]>([]);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const nextKey = useRef(1);
  const alive = useRef(new AbortController());
  const reported = useRef(onUploaded);
  useEffect(() => {
    reported.current = onUploaded;
  });
  useEffect(() => {
    const controller = new AbortController();
    alive.current = controller;
    return () => controller.abort();
  }, []);

  const patch = (key: number, change: Partial<QueueItem>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const sendOne = async (key: number, file: File, role: string) => {
    patch(key, { status: 'uploading', progress: 0 });
    try {
      const meta = await uploadDocument(file, {
        signal: alive.current.signal,
        onProgress: (fraction) => patch(key, { progress: Math.round(fraction * 100) }),
      });
      setItems((list) => list.filter((i) => i.key !== key));
      reported.current(uploadedOf(meta, role));
    } catch (error) {
      patch(key, { status: 'failed', error: uploadFailureWording(problemOf(error), t, lang, maxBytes) });
    }
  };

  const add = (files: readonly File[], role: string) => {
    for (const file of files) {
      const key = nextKey.current++;
      const item: QueueItem = { key, name: file.name, role, status: 'queued', progress: 0 };
      if (file.size > maxBytes) {
        const vars = { name: file.name, size: formatBytes(file.size), max: formatBytes(maxBytes) };
        setItems((list) => [...list, { ...item, status: 'failed', error: t('doc.upload.tooLargeLocal', vars) }]);
        continue;
      }
      if (!hasAcceptedExtension(file.name)) item.hint = t('doc.upload.extHint', { name: file.name });
      setItems((list) => [...list, item]);
      chain.current = chain.current.then(() => sendOne(key, file, role));
    }
  };
  const dismiss = (key: number) => setItems((list) => list.filter((i) => i.key !== key));
  const busy = items.some((i) => i.status !== 'failed');
  return { items, add, dismiss, busy };
}
