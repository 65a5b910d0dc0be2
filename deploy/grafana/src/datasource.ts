import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';

/** The provisioned Prometheus datasource (provisioning/datasources/prometheus.yml gives it this uid). */
export const prometheusDatasource: DataSourceRef = { type: 'prometheus', uid: 'prometheus' };
