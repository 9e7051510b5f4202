/** Error messages and their reasons, filled in by main so every error reaches the screen readable. */
export const errors = {
  offline: 'Tidak dapat menghubungi inti aplikasi.',
};

export type ErrorTexts = typeof errors;
