/** The process API as the tests call it: dev tokens, JSON, and polling an instance until it gets somewhere. */

export interface Json {
  [key: string]: any;
}

export interface Answer {
  status: number;
  json: Json;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class OrdoApi {
  constructor(
    readonly baseUrl: string,
    readonly process = 'order-to-cash',
  ) {}

  /** The same API, for the instances of another process. */
  forProcess(process: string): OrdoApi {
    return new OrdoApi(this.baseUrl, process);
  }

  private instances(path = ''): string {
    return `${this.baseUrl}/v1/processes/${this.process}/instances${path}`;
  }

  /** Names of the processes in the catalog. */
  async catalog(): Promise<string[]> {
    const answer = await this.call('GET', `${this.baseUrl}/v1/processes`, 'dev-clerk');
    expectStatus(answer, 200, 'the catalog');
    return (answer.json.items as Json[]).map((item) => item.name as string);
  }

  async call(method: string, url: string, token: string, body?: unknown): Promise<Answer> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Json) : {} };
  }

  /** Each process says who may start it: the dev token of a role its contract names. */
  start(businessKey: string, input: Json): Promise<Answer> {
    return this.call('POST', this.instances(), starterTokens[this.process] ?? 'dev-clerk', { businessKey, input });
  }

  /** An auditor reads every instance of every process. */
  status(businessKey: string): Promise<Answer> {
    return this.call('GET', this.instances(`/${businessKey}`), 'dev-auditor');
  }

  completeTask(businessKey: string, taskId: string, token: string, decision: string): Promise<Answer> {
    return this.call('POST', this.instances(`/${businessKey}/tasks/${taskId}/complete`), token, {
      decision,
      comment: 'live metrics test',
    });
  }

  pay(businessKey: string, amount: number, reference: string): Promise<Answer> {
    return this.call('POST', this.instances(`/${businessKey}/events/payment-received`), 'dev-accounts-receivable', {
      amount,
      currency: 'EUR',
      reference,
    });
  }

  cancel(businessKey: string, reason: string): Promise<Answer> {
    return this.call('POST', this.instances(`/${businessKey}/cancel`), 'dev-clerk', { reason });
  }

  /** Polls the instance's status until `accept` returns true; fails naming what it waited for and the last status. */
  async waitFor(
    businessKey: string,
    what: string,
    accept: (status: Json) => boolean,
    timeoutMs = 60_000,
  ): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    let last: Answer | undefined;
    while (Date.now() < deadline) {
      last = await this.status(businessKey);
      if (last.status === 200 && accept(last.json)) return last.json;
      await sleep(300);
    }
    throw new Error(
      `${businessKey}: no ${what} within ${timeoutMs / 1000} s; last answer ${last?.status}: ${JSON.stringify(last?.json).slice(0, 600)}`,
    );
  }

  waitForStage(businessKey: string, stage: string): Promise<Json> {
    return this.waitFor(businessKey, `stage ${stage}`, (status) => status.stage === stage);
  }

  waitForStatus(businessKey: string, status: string): Promise<Json> {
    return this.waitFor(businessKey, `status ${status}`, (current) => current.status === status);
  }

  async waitForTask(businessKey: string, type: string): Promise<Json> {
    const status = await this.waitFor(businessKey, `an open ${type} task`, (current) =>
      (current.openTasks ?? []).some((task: Json) => task.type === type),
    );
    return status.openTasks.find((task: Json) => task.type === type);
  }
}

const starterTokens: Readonly<Record<string, string>> = {
  'employee-onboarding': 'dev-hr',
  'support-ticket': 'dev-support-l1',
};

export function expectStatus(answer: Answer, expected: number, what: string): void {
  if (answer.status !== expected)
    throw new Error(
      `${what}: expected HTTP ${expected}, got ${answer.status} ${JSON.stringify(answer.json).slice(0, 400)}`,
    );
}
