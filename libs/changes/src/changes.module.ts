import { Global, Module } from '@nestjs/common';
import { ChangeRecorder } from './change-recorder';

@Global()
@Module({ providers: [ChangeRecorder], exports: [ChangeRecorder] })
export class ChangesModule {}
