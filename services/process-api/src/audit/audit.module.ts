import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditorGuard } from './auditor.guard';

/** `GET /v1/audit`: the human actions recorded in Temporal histories, for the role auditor. */
@Module({ imports: [CatalogModule], controllers: [AuditController], providers: [AuditService, AuditorGuard] })
export class AuditModule {}
