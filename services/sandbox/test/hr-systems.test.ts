import { useSandbox } from './support';

describe('hris, directory and payroll', () => {
  const sandbox = useSandbox();

  it('HRIS serves seeded employees in its own shape, and HR corrects a record with an idempotent PUT', async () => {
    expect((await sandbox.call('GET', '/hris/employees/E-1001')).body).toEqual({
      employeeId: 'E-1001',
      firstName: 'Ada',
      lastName: 'Lovelace',
      department: 'Engineering',
      startDate: '2026-03-16',
      salary: { amount: 6500, currency: 'EUR', period: 'monthly' },
    });
    expect((await sandbox.call('GET', '/hris/employees/E-404')).body).toEqual({
      error: 'employee_not_found',
      employeeId: 'E-404',
    });

    const fixed = {
      firstName: 'Grace',
      lastName: 'Hopper',
      department: 'Finance',
      startDate: '2026-04-01',
      salary: { amount: 82000, currency: 'EUR', period: 'annual' },
    };
    expect((await sandbox.call('PUT', '/hris/employees/E-1002', { body: fixed })).status).toBe(400);
    expect((await sandbox.call('PUT', '/hris/employees/E-1002', { body: fixed, idempotencyKey: 'fix-1' })).status).toBe(
      200,
    );
    expect((await sandbox.call('GET', '/hris/employees/E-1002')).body).toMatchObject({
      lastName: 'Hopper',
      salary: { currency: 'EUR' },
    });
    expect(await sandbox.ledger('?system=hris')).toEqual([
      expect.objectContaining({ action: 'employee.saved', orderId: 'E-1002' }),
    ]);
  });

  it('directory: an account with groups once per key; a taken username is refused; deletion frees it', async () => {
    const body = {
      employeeId: 'E-1001',
      username: 'ada.lovelace',
      displayName: 'Ada Lovelace',
      groups: ['all-staff', 'dept-engineering'],
    };
    const created = await sandbox.call('POST', '/directory/accounts', { body, idempotencyKey: 'k-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'ada.lovelace',
      email: 'ada.lovelace@corp.example',
      groups: ['all-staff', 'dept-engineering'],
      status: 'active',
    });
    expect(
      (await sandbox.call('POST', '/directory/accounts', { body, idempotencyKey: 'k-1' })).headers.get(
        'idempotent-replayed',
      ),
    ).toBe('true');

    const clash = await sandbox.call('POST', '/directory/accounts', {
      body: { ...body, employeeId: 'E-2000' },
      idempotencyKey: 'k-2',
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toEqual({ error: 'username_taken', username: 'ada.lovelace', employeeId: 'E-1001' });

    const { accountId } = created.body;
    expect((await sandbox.call('DELETE', `/directory/accounts/${accountId}`, { idempotencyKey: 'k-3' })).body).toEqual({
      accountId,
      status: 'deleted',
    });
    expect((await sandbox.call('DELETE', `/directory/accounts/${accountId}`, { idempotencyKey: 'k-4' })).status).toBe(
      409,
    );
    expect(
      (
        await sandbox.call('POST', '/directory/accounts', {
          body: { ...body, employeeId: 'E-2000' },
          idempotencyKey: 'k-2',
        })
      ).status,
    ).toBe(201);
    expect((await sandbox.ledger('?system=directory')).map((entry) => entry.action)).toEqual([
      'account.created',
      'account.deleted',
      'account.created',
    ]);
  });

  it('payroll validates its own shape, enrols once per employee and removes on request', async () => {
    const enrolment = {
      employeeId: 'E-1001',
      employeeName: 'Ada Lovelace',
      annualSalaryCents: 7_800_000,
      currency: 'EUR',
      firstPayDate: '2026-03-31',
    };
    const invalid = await sandbox.call('POST', '/payroll/employees', {
      body: { ...enrolment, annualSalaryCents: 78_000.5 },
      idempotencyKey: 'p-0',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: 'invalid_request', field: 'annualSalaryCents' });

    const enrolled = await sandbox.call('POST', '/payroll/employees', { body: enrolment, idempotencyKey: 'p-1' });
    expect(enrolled.status).toBe(201);
    const again = await sandbox.call('POST', '/payroll/employees', { body: enrolment, idempotencyKey: 'p-2' });
    expect(again.body).toEqual({ error: 'already_enrolled', employeeId: 'E-1001', payrollId: enrolled.body.payrollId });

    const removed = await sandbox.call('DELETE', `/payroll/employees/${enrolled.body.payrollId}`, {
      idempotencyKey: 'p-3',
    });
    expect(removed.body).toEqual({ payrollId: enrolled.body.payrollId, status: 'removed' });
    expect((await sandbox.call('GET', `/payroll/employees/${enrolled.body.payrollId}`)).body).toMatchObject({
      status: 'removed',
      annualSalaryCents: 7_800_000,
    });
  });
});
