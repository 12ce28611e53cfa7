/** Typed errors of the service API; every transport maps `type` to its own status. */
export type MnemoErrorType = 'NotFound' | 'InvalidArgument' | 'Conflict' | 'Internal';

export class MnemoError extends Error {
  constructor(
    readonly type: MnemoErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }

  toJSON(): { type: MnemoErrorType; message: string } {
    return { type: this.type, message: this.message };
  }
}

export const notFound = (message: string) => new MnemoError('NotFound', message);
export const invalidArgument = (message: string) => new MnemoError('InvalidArgument', message);
export const conflict = (message: string) => new MnemoError('Conflict', message);
