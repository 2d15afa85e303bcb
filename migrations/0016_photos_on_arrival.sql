-- Issue 16: a photo is recorded for fetching when it arrives in a check-in, not when the report is
-- sent (a Zalo image URL expires while a check-in stays open). Photos already sitting in check-ins
-- (not sent yet, or being corrected) get their row now, pending, so the fetch job copies them too;
-- those of sent reports have theirs already and are left as they are. A photos answer is the only
-- array in a check-in's answers: each element is a bare file reference (older states) or
-- {fileRef, mediaGroupId}. In the order they arrived; a photo found twice is one row.
INSERT INTO "attachments" ("report_id", "channel", "file_ref", "media_group_id")
SELECT c."report_id", a."channel", photo.file_ref, photo.media_group_id
  FROM "conversations" c
  JOIN "channel_accounts" a ON a."id" = c."account_id"
  CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(c."state" -> 'checkin' -> 'answers') = 'object' THEN c."state" -> 'checkin' -> 'answers' ELSE '{}'::jsonb END) AS answer(key, value)
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(answer.value) = 'array' THEN answer.value ELSE '[]'::jsonb END) WITH ORDINALITY AS element(value, n)
  CROSS JOIN LATERAL (
    SELECT CASE jsonb_typeof(element.value) WHEN 'string' THEN element.value #>> '{}' WHEN 'object' THEN element.value ->> 'fileRef' END AS file_ref,
           CASE jsonb_typeof(element.value) WHEN 'object' THEN element.value ->> 'mediaGroupId' END AS media_group_id
  ) AS photo
 WHERE c."report_id" IS NOT NULL AND photo.file_ref IS NOT NULL AND photo.file_ref <> ''
 ORDER BY c."id", answer.key, element.n
ON CONFLICT ("report_id", "channel", "file_ref") DO NOTHING;
