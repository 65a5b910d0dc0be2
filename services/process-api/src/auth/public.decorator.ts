import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ordo:public';

/** Marks a controller or handler as reachable without a bearer token (health, metrics). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
