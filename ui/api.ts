// The pages' only way to the data: POST a GraphQL document to /graphql.
export class QueryError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new QueryError(body.errors[0].message, body.errors[0].extensions?.code ?? 'ERROR');
  if (!body.data) throw new QueryError(`服务器返回 ${res.status}`, 'HTTP');
  return body.data;
}
