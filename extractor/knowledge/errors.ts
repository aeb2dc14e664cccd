// Errors of knowledge extraction; callers branch on `code`, never on the message.

export class KnowledgeInputError extends Error {
  readonly code = 'KNOWLEDGE_INPUT_INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'KnowledgeInputError';
  }
}
