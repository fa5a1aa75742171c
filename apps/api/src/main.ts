import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Controller, Get, Module } from '@nestjs/common';
import { hello } from '@wardline/common';

@Controller()
class C { @Get('x') x() { return { hello: hello(), v: process.version }; } }
@Module({ controllers: [C] })
class M {}
async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(M, new FastifyAdapter());
  await app.listen(3999);
  console.log(await (await fetch('http://127.0.0.1:3999/x')).text());
  await app.close();
}
void main();
