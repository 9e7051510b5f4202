import type { ErrorTexts } from '../id/errors';

/**
 * Error messages and their reasons, filled in by main so every error reaches the screen readable.
 * Placeholders take only non-personal numbers and names of kinds, except {{name}}: the customer a
 * duplicate phone belongs to, sent only to the window that asked.
 */
export const errors: ErrorTexts = {
  offline: 'Cannot reach the app core.',
  /** One message per error code. */
  codes: {
    VALIDATION: 'Some input is not valid. Please check the marked fields.',
    UNKNOWN_CHANNEL: 'Unknown command.',
    FORBIDDEN: 'You do not have permission for this action.',
    LOCKED: 'The vault is locked. Please log in with your PIN first.',
    WRONG_PIN: 'Wrong PIN. $t(errors.counts.attemptsLeft, {"count": {{attemptsLeft}} }) before a delay.',
    THROTTLED: 'Too many attempts. Try again in $t(errors.counts.seconds, {"count": {{seconds}} }).',
    SLOT_DISABLED: 'This account is disabled. Ask the shop owner to reset your PIN.',
    RECOVERY_REQUIRED: 'Too many wrong PINs. Use the recovery code to set a new PIN.',
    WRONG_RECOVERY_CODE: 'Wrong recovery code. Please check your recovery card.',
    WEAK_PIN: 'This PIN is too easy to guess. Use at least 6 digits that are not a sequence or repeat.',
    PIN_MISMATCH: 'The two PINs do not match.',
    PIN_CHANGE_REQUIRED: 'Please change your initial PIN first.',
    NOT_FOUND: 'Not found.',
    CONFLICT: 'This already exists or was changed.',
    CORRUPT: 'The vault file is damaged or not a Brankas file.',
    VAULT_TOO_NEW: 'This vault was made by a newer version of the app. Please update Brankas.',
    ALREADY_SETUP: 'The vault is already set up.',
    NOT_SETUP: 'The vault is not set up yet.',
    DEVICE_CHANGED:
      'The device key changed or cannot be read. The owner needs to log in with the recovery code.',
    KEYSTORE_UNAVAILABLE:
      "The system keystore (keyring) is locked or unavailable right now. Unlock it (for example by logging in to the computer's account again), then try again.",
    INVALID_PHONE: 'The phone number is not valid. Example: 0812-3456-7890.',
    SENSITIVE_DATA:
      'The notes seem to hold data that should not be kept ({{kinds}}). Remove it, or save anyway if it is truly needed.',
    FIELD_DISABLED: 'The shop does not collect this data. The owner can turn it on in Settings.',
    GUARDIAN_REQUIRED: 'Customer under 18: enter the name of the parent or guardian giving consent.',
    BUSY: 'An import is running. Try again when it has finished.',
    BAD_FILE: 'The file cannot be read as CSV ({{reason}}). Nothing was changed.',
    CANCELLED: 'Cancelled. Nothing was changed.',
    NO_ACCESS:
      'Brankas is not allowed to read or write files in its data folder (for example, they belong to another computer account). Your vault is not damaged. Give this computer account its rights to that folder again, then try again.',
    DISK_FULL:
      "This laptop's storage is full, so Brankas cannot save. Your vault is not damaged and nothing was changed. Free some space (delete files you do not need, empty the Recycle Bin), then try again.",
    VAULT_IN_USE:
      'The vault file is in use by another program: perhaps a second Brankas that is open (in another computer account or from another copy of the app), or a backup or antivirus program. Your vault is not damaged. Close that program (or restart the computer), then try again.',
    IO_ERROR:
      "This laptop's storage failed to read or write (a device error). Nothing was changed. Restart the computer and try again; if it happens again, have the disk checked and keep your latest backup at hand.",
    PRIMARY_OFFLINE:
      'Cannot be done yet: the main laptop is not connected. Try again once it is; what you typed is kept.',
    INTERNAL: 'Something went wrong in the app. Your data was not changed.',
  },
  /**
   * A code with a known reason says what is wrong and what to do, in place of the code's message
   * (a duplicate says whose it is; WEAK_PIN which rule the PIN broke; the storage under the vault,
   * not the vault, is the problem; a backup that cannot be used says what is wrong with it).
   */
  reasons: {
    PRIMARY_OFFLINE: {
      unsure:
        'The main laptop went away before it answered, so this may or may not be saved. What you typed is kept: once connected, save it once more. Saved again within 10 minutes from this screen, Brankas makes sure it is not recorded twice.',
      not_reached:
        'The main laptop cannot be reached at that address. Check the address, that "Extra cashier" is on on the main laptop, and that both laptops are on the shop\'s network.',
      refused:
        'The main laptop refuses this laptop: the shop owner has revoked its pairing. Ask for a new pairing code and connect again.',
      file_timeout:
        'The save or print window on this laptop was not answered in time, so the file was not recorded as saved. Try again, then choose where to save it.',
      file_not_delivered:
        'The file could not be handed to this laptop: its connection to the main laptop dropped. Nothing was saved or recorded. Wait until it is connected again, then try again.',
    },
    NOT_SETUP: {
      not_paired: 'This laptop is not connected to a main laptop yet.',
      pairing_unreadable:
        "This laptop's pairing with the main laptop cannot be opened (damaged, changed, or from another computer account). No customer data is on this laptop. Connect again with a new pairing code from the main laptop.",
    },
    BAD_FILE: {
      xlsx_not_zip:
        'This is not a complete Excel (.xlsx) file; it may be another file named .xlsx. Export it again from the POS or save it again in Excel. Nothing was changed.',
      xlsx_not_xlsx:
        'The Excel sheet in this file cannot be read. Export it again from the POS or save it as CSV. Nothing was changed.',
      xlsx_too_big:
        'This Excel file is too big for a sales report (over 20 MB, or its contents swell when opened). Export a shorter period from the POS. Nothing was changed.',
      xlsx_formula:
        'This Excel file contains formulas. A POS report holds values, not formulas: export it again from the POS, or copy and paste as values. Nothing was changed.',
      xlsx_unavailable:
        'Excel files cannot be opened here. Save the report as CSV and import it again. Nothing was changed.',
      too_many_sales:
        'This sales report has more than 200,000 rows. Export a shorter period from the POS. Nothing was changed.',
      backup_missing:
        'The backup file cannot be found: it was moved or deleted, or its USB stick was pulled. Plug it back in and pick the file. Nothing was changed.',
      no_name_column:
        'No name column chosen: pick the column holding the customers\' names under "Match the columns" (this file has no column titled Name). Nothing was changed.',
      vault_disk_full:
        "The restore cannot go ahead: this laptop's storage is full. Free space (as much as the backup file), then try again. Nothing was changed.",
    },
    CONFLICT: {
      join_no_shop_whatsapp:
        "The shop's WhatsApp number is not set. The owner can set it in Settings. Nothing was changed.",
      join_no_phone: 'This customer has no mobile number on record. Add it first, then make a new code.',
      join_minor:
        "Customer under 18: consent is given by a parent or guardian, not through the child's WhatsApp. Record the guardian's consent at the counter.",
      join_code_expired:
        'No code is still valid for this customer (used, expired, or too many wrong tries). Make a new code. Nothing was changed.',
      not_member: 'This customer is not a member: no member card was made.',
      lan_off: 'Extra counters are off. Turn them on first, then make a new code.',
      lan_unavailable: 'Extra counters are not available on this laptop.',
      file_too_large:
        'This file is too large to send to this laptop. Save or print it on the main laptop. Nothing was saved or recorded.',
      reply_forgotten: 'This request was already done on the main laptop. Reload the screen to see the data.',
      not_a_client:
        "This laptop is the main laptop: the shop's vault is here. Connecting to another laptop or unpairing is done only on an extra cashier laptop.",
      already_paired: 'This laptop is already connected to a main laptop. Unpair it first to connect again.',
      already_voided: 'This purchase was already voided.',
      receipt_voided: 'This purchase was voided: it has no receipt.',
      receipt_no_phone: 'This customer has no WhatsApp number on record.',
      answer_no_phone:
        'This customer has no WhatsApp number on record, so the answer cannot go by WhatsApp. Print the answer and hand it over or post it.',
      incident_no_phone:
        'This customer has no WhatsApp number on record, so the incident notice cannot go by WhatsApp. Print the letter and hand it over or post it.',
      wa_not_mobile:
        "This customer's number is a landline, not a mobile number: WhatsApp cannot be sent to it.",
      receipt_restricted: "This customer's data is restricted at their request: no receipt is sent.",
      request_closed: 'This request is already completed or refused.',
      request_open: 'This request is still open: fulfil or refuse it first, then send the answer.',
      request_no_customer:
        'The requester is not a recorded customer: there is no data to act on. Close it with "done" and explain.',
      briefing_no_quiz: 'These questions are no longer valid. Start again.',
      loyalty_off: 'The shop owner has not turned the member programme on. Nothing was changed.',
      loyalty_not_member:
        'This customer is not a member (has not agreed to the member programme, or withdrew): no points, stamps or rewards. Nothing was changed.',
      loyalty_restricted:
        "This customer's data is restricted at their request: their balance neither grows nor can be redeemed. Nothing was changed.",
      loyalty_balance_low: "This customer's balance is not enough for that. Nothing was changed.",
      loyalty_discount_too_big:
        "This reward's discount is larger than the sale's total. Add items or choose another reward. Nothing was changed.",
      member_purpose_managed:
        'The "Member programme" purpose is managed in Settings → Member programme (on, off, its legal basis). Here only its name and description can change. Nothing was changed.',
      reward_hidden: 'The shop owner has hidden this reward. Choose another. Nothing was changed.',
      reward_name_taken:
        'Two rewards have the same name (upper and lower case count as the same). Use another name. Nothing was changed.',
      rewards_full: 'The list of rewards is full. Hide or change a reward. Nothing was changed.',
      product_hidden:
        'One of the products was hidden by the owner (no longer sold). Take it off the sale or ask the owner to show it again. The sale was not recorded.',
      product_name_taken:
        'A product with this name is already on the price list (upper and lower case count as the same). Use another name or edit that product. Nothing was changed.',
      products_full:
        'The price list already holds {{max}} products, its limit. Hide or edit a product already on it. Nothing was changed.',
      incident_closed: 'This incident is closed.',
      incident_no_scope: 'First say who is affected (step 2).',
      incident_all_notified: 'Every affected customer has been notified: there are no letters to print.',
      duplicate_phone: 'This number already belongs to {{name}}.',
      duplicate_name: 'Another user already has this name. Add an initial or a surname.',
    },
    CORRUPT: {
      backup_verify_failed:
        'The backup just written failed its check: its contents could not be read back whole, so do not rely on that file. Try again, preferably to another USB stick or folder.',
      carry_tampered:
        "The customers' decisions carried into the restore were altered, so the restore was refused. Nothing changed.",
      backup_salt_damaged:
        'The recovery code is right, but the start of this backup file (its first 16 bytes) is damaged, so it cannot be opened. Use another backup. Nothing was changed.',
      backup_header_damaged:
        'The recovery code is right, but the first page of this backup file is damaged, so it cannot be opened. Use another backup. Nothing was changed.',
      backup_damaged:
        'This backup file is damaged (its contents are no longer whole). Use another backup. Nothing was changed.',
      not_brankas: 'This file opens with that code but is not a Brankas backup. Nothing was changed.',
      vault_damaged:
        "The vault's key is right, but part of the vault file is damaged (for example by a failing disk or a power cut while saving). Do not delete any files. Restore from your latest backup with your recovery code.",
      vault_rolled_back:
        'This vault is an old copy: since it was made, its key was replaced or the vault was restored. It was not opened. If you did not put old files back, someone may have tampered with the data folder. Restore from the latest backup if needed.',
    },
    FORBIDDEN: {
      join_code_wrong:
        'The code does not match the code made for this customer. {{attemptsLeft}} tries left. Nothing was recorded.',
      join_sender_mismatch:
        "The message's sender number is not the number on record for this customer. Check the number on the customer's record. {{attemptsLeft}} tries left. Nothing was recorded.",
      device_revoked:
        'This laptop is no longer connected to the main laptop. Ask the shop owner to connect it again.',
      primary_only:
        'This can only be done on the main laptop (the one that holds the vault), not on an extra counter. Nothing was changed.',
      pairing_refused:
        'The pairing code was not accepted: wrong, already used, or older than 10 minutes. Make a new code on the main laptop and try again.',
      loyalty_points_spent:
        'The points or stamps from this purchase were already spent by the customer on a reward, so they cannot be taken back. Only the shop owner can void it. Nothing was changed.',
      not_your_sale_today:
        'A cashier may void or correct only a purchase they recorded themselves today. Ask the shop owner.',
      restriction_by_request:
        'A restriction is lifted only at the customer\'s request: record a "restriction" request, then fulfil it with "lift the restriction".',
      request_backdate_owner:
        'A request received more than 4 hours ago can be recorded only by the shop owner, with a reason. Ask the owner to record it.',
      briefing_due:
        "First read the shop's data rules and answer the check (Data rules). Once you pass, you can work as usual.",
      customer_restricted:
        "This customer's data is restricted at their request: a cashier cannot change it, record a sale or record consent. Ask the shop owner.",
      member_whatsapp_only:
        'Consent to the member programme can only be given by the customer through WhatsApp from their own phone (set by the owner in Settings → Program member), not recorded by the cashier as verbal, on paper or from a file. Use "Join via WhatsApp" on the customer\'s record. Nothing was changed.',
      consent_withdrawn:
        'This customer withdrew consent for this purpose (or their withdrawal request is still open). Only the shop owner can record it again, if the customer asks for it themselves.',
      untrusted_frame:
        "This request did not come from Brankas's own page, so it was refused and recorded. Close other windows and use the Brankas window.",
      receipt_not_own: 'A cashier may send a receipt only for a sale they recorded in the last 10 minutes.',
    },
    IO_ERROR: {
      file_failed:
        'The file could not be saved or printed on this laptop (its save window or its storage failed). Nothing was recorded as saved. Try again, or save to another folder.',
      device_secret:
        "Brankas's device key could not be read (a storage device error). The key has not necessarily changed: restart the computer and try again before using the recovery code.",
    },
    NOT_FOUND: {
      member_code_unknown: 'This member code is not known. Check the code or search by name.',
      not_in_audience:
        'This customer is no longer in the list: their WhatsApp consent was withdrawn, their data is restricted, or the number is empty. Reload the list.',
      reward_unknown:
        'This reward is not in the member programme. Reload and choose again. Nothing was changed.',
      product_unknown:
        "One of the products is not on the shop's price list. Reload the list and pick again. The sale was not recorded.",
      not_affected: 'This customer is not among those affected by this incident.',
    },
    NO_ACCESS: {
      read_only:
        "Brankas's data folder is read-only, so Brankas cannot save anything. Your vault is not damaged. Make that folder writable again (or move it off a locked disc or USB stick), then try again.",
      device_secret:
        "Brankas's device key is there, but this computer account may not read it (the file's rights were changed). The key has not changed: do not use the recovery code. Give the account its rights to Brankas's data folder again, then try again.",
    },
    VALIDATION: {
      request_late:
        'The 3 x 24-hour deadline for this request has already passed. Tick "I know the deadline has passed" to record it anyway, then deal with it at once.',
      request_too_old: 'The date received is more than 30 days ago. Check the date.',
      consent_asked_again:
        'This customer withdrew consent for this purpose before. Write how and when the customer asked for it again (at least 10 characters).',
      request_action: 'This action does not fit the type of request.',
      briefing_short: 'Write at least 3 rules, one per line (or leave it empty for the default rules).',
      incident_range: 'The date range is not valid: the start must come before the end.',
      incident_unnotified:
        'Some affected customers have not been notified. Notify them, or write why (at least 10 characters) to close the incident.',
      incident_order:
        'When it was discovered cannot be before when it happened: check both dates and times. The incident was not recorded.',
      incident_future:
        'When it was discovered cannot be in the future: check the date and time. The incident was not recorded.',
      incident_late:
        'Discovery was more than an hour ago, so the 72 hours are already running. Write why it is recorded only now (at least 10 characters). The incident was not recorded.',
      counter_query:
        'Type at least 3 letters of the name, the last 4 digits of the phone, or the whole number.',
      counter_phone: 'To search by phone, type its last 4 digits or the whole number.',
      counter_page: 'Too many results. Narrow the search with more of the name.',
      notice_not_found:
        'That notice version does not exist in Brankas. Choose one of the listed versions. Nothing was imported.',
      notice_newer_than_file:
        'The chosen notice version is newer than this file (made after the file was last changed), so its customers may never have seen it. Choose the version they saw, or confirm that they did see this one. Nothing was imported.',
      fill_not_confirmable:
        'A row confirmed for filling no longer matches the customer shown. Check the file again. Nothing was imported.',
      hidden_chars:
        'The text holds hidden or control characters that are not allowed. Type it again rather than pasting it.',
    },
    WEAK_PIN: {
      empty: 'The PIN is empty.',
      too_short: "The PIN is too short: at least 6 digits (an owner's passphrase at least 8 characters).",
      too_long: 'The PIN is too long.',
      not_digits: "A cashier's PIN may hold digits only.",
      common: 'This PIN is too common and easy to guess.',
      repeated: 'The PIN may not repeat a digit or a pattern (such as 111111 or 121212).',
      sequence: 'The PIN may not be a run of digits (such as 345678).',
      same_as_current: 'The new PIN must differ from the current one.',
    },
    WRONG_RECOVERY_CODE: {
      retired_code:
        'This recovery code was retired when the key was replaced. This old backup can still be restored, but the code will not work again: you will get a new recovery code to write down. Tick "Restore and make a new code" to go on.',
    },
  },
  /** What {{reason}} says in BAD_FILE and backupFolder. */
  fileReasons: {
    empty: 'the file is empty',
    headers_only: 'only a header row',
    binary: 'not a text file',
    too_large: 'larger than 50 MB',
    encoding: 'unknown text encoding',
    parse: 'malformed CSV',
    no_name_column: 'no name column chosen',
    unreadable: 'the file cannot be opened',
    too_many_rows: 'more than 1,000,000 rows',
    too_many_columns: 'more than 200 columns',
    cell_too_long: 'a cell holds more than 20,000 characters',
    line_too_long: 'a line is far too long',
    folder_missing: 'the target folder is gone (USB stick pulled?). Plug it back in or choose another folder',
    folder_readonly: 'the target folder cannot be written. Choose another folder',
    disk_full: 'the target storage is full',
    folder_is_data:
      "that is the app's data folder (a backup there is lost with the data). Choose a USB stick or another folder",
  },
  /** A backup that cannot be written: the folder, not a CSV, is the problem. */
  backupFolder: 'The backup cannot be written: {{reason}}. Nothing was changed.',
  /** The kinds of sensitive data SENSITIVE_DATA names in {{kinds}}. */
  kinds: {
    nik: 'a national ID (NIK) number',
    card: 'a card number',
    health: 'health',
    religion: 'religion',
    criminal: 'criminal record',
    finance: 'personal finances',
  },
  /** Field names for the summary of a refused form (paths by their first part). */
  fields: {
    name: 'Name',
    receivedAt: 'Received at',
    receivedReason: 'Why it is recorded late',
    askedAgain: 'How the customer asked again',
    verification: 'How identity was checked',
    requester: "Requester's name",
    details: 'What was asked',
    note: 'What was done',
    shopContact: 'Shop contact',
    shopAddress: 'Shop address',
    recipients: 'Recipients',
    phone: 'Phone',
    email: 'Email',
    address: 'Address',
    notes: 'Notes',
    birthday: 'Birthday',
    gender: 'Gender',
    tags: 'Product preferences',
    guardianName: "Parent's or guardian's name",
    items: 'Items',
    amount: 'Amount',
    lines: 'Products',
    price: 'Price',
    at: 'Date',
    description: 'Description',
    autoLockMinutes: 'Auto-lock',
    noticeVersion: 'Notice version',
    purpose: 'Purpose',
    reason: 'Reason',
    pin: 'PIN',
    code: 'Recovery code',
    inactiveMonths: 'Erase after inactivity',
    consentLapseMonths: 'Consent ends',
    salesKeepYears: 'Keep sales',
    keepReviewMonths: 'Review again',
    consent_whatsapp: 'WhatsApp consent',
    consentMethod: 'How consent was collected',
    consent_sms_email: 'SMS/email consent',
  },
  /** Why a field was refused, in words (shown beside the field), by IssueReason in camelCase. */
  issues: {
    required: 'required',
    tooShort: 'too short (at least $t(errors.counts.characters, {"count": {{limit}} }))',
    tooLong: 'too long (at most $t(errors.counts.characters, {"count": {{limit}} }))',
    tooMany: 'too many (at most {{limit, number}})',
    tooSmall: 'at least {{limit, number}}',
    tooBig: 'at most {{limit, number}}',
    notWhole: 'must be a whole number',
    futureDate: 'the date cannot be in the future',
    hiddenChars: 'holds hidden characters',
    hasLink: "may not hold a link or web address (this text goes into the shop's WhatsApp messages)",
    invalid: 'not valid',
  },
  /** The summary of a refused form: "Periksa: Nama (wajib diisi); Barang (terlalu panjang, …)." */
  checkFields: 'Please check: {{fields}}.',
  /** Counted nouns nested into the texts above. */
  counts: {
    attemptsLeft_one: '{{count}} attempt left',
    attemptsLeft_other: '{{count}} attempts left',
    seconds_one: '{{count}} second',
    seconds_other: '{{count}} seconds',
    characters_one: '{{count, number}} character',
    characters_other: '{{count, number}} characters',
  },
  /** Problems of an import's rows, in words: on the page and in the saved problem file. */
  importProblems: {
    missing_name: 'Name is empty',
    invalid_phone: 'Invalid phone',
    phone_as_number:
      'Excel turned this number into a figure (such as 6.28E+12). Format the column as Text and save again',
    duplicate_in_file: 'Phone appears twice in the file',
    duplicate_in_vault: 'Phone already in Brankas',
    invalid_email: 'Invalid email',
    invalid_birthday: 'Invalid birthday',
    invalid_gender: 'Unknown gender',
    invalid_consent:
      'Unclear consent. Counted as yes: ya, iya, y, yes, setuju, bersedia, ok, 1, v, x. Blank or no: no consent',
    guardian_required: 'Under 18: consent needs a guardian',
    too_long: 'Too long',
    sensitive_notes: 'Notes hold sensitive data',
  },
  /** Why a row of a POS sales export is not imported, in words. */
  salesProblems: {
    missing_receipt: 'Receipt number is empty',
    bad_receipt: 'Receipt number is too long',
    bad_date: 'Date not readable (write dd/mm/yyyy)',
    future_date: 'Date is in the future',
    too_old: "Older than the shop's period for keeping sales records",
    bad_total: 'Total is not a rupiah amount',
    receipt_conflict: 'Same receipt number as another row, but a different date or total',
  },
};
