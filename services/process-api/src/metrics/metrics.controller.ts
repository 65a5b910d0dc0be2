import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { Public } from '../auth/public.decorator';

/** PrometheusModule's scrape endpoint (its path is set by the module), reachable without a token and left out of the OpenAPI document. */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController extends PrometheusController {}
