import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { osloDate } from '@overgang/core';
import { invalidField } from './problem';

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export function IsDateOnly(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOnly',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date written YYYY-MM-DD`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
        },
      },
    });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** A distance from today: { years: 5 } is five years ahead, { years: -1 } a year back, {} today. */
export interface DateOffset {
  years?: number;
  days?: number;
}

export interface DateWindow {
  /** The earliest date taken, counted from today in Oslo. */
  notBefore: DateOffset;
  /** The latest date taken, counted from today in Oslo. */
  notAfter: DateOffset;
}

/** Today in Oslo moved by an offset; 29 February a year on is 28 February. */
export function offsetDate(today: string, offset: DateOffset): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = y + (offset.years ?? 0);
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const moved = new Date(Date.UTC(year, m - 1, Math.min(d, lastDay)) + (offset.days ?? 0) * 86_400_000);
  return moved.toISOString().slice(0, 10);
}

/** The dates a field takes today, as YYYY-MM-DD. */
export function dateWindow(window: DateWindow, now = new Date()): { earliest: string; latest: string } {
  const today = osloDate(now);
  return { earliest: offsetDate(today, window.notBefore), latest: offsetDate(today, window.notAfter) };
}

/**
 * A date (YYYY-MM-DD) or month (YYYY-MM) within a window around today: what a release date, a
 * consent or an absence can sensibly be, so year 9999 or 0001 is a 400 naming the field instead of
 * a deadline nobody will see. The format itself is IsDateOnly's (or Matches') to report.
 */
export function IsDateWithin(window: DateWindow, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateWithin',
      target: object.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) => {
          const { earliest, latest } = dateWindow(window);
          return typeof args.value === 'string' && MONTH.test(args.value)
            ? `${propertyName} må være en måned fra ${earliest.slice(0, 7)} til ${latest.slice(0, 7)}`
            : `${propertyName} må være en dato fra ${earliest} til ${latest}`;
        },
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return true;
          const { earliest, latest } = dateWindow(window);
          if (MONTH.test(value)) return value >= earliest.slice(0, 7) && value <= latest.slice(0, 7);
          if (!DATE.test(value)) return true;
          return value >= earliest && value <= latest;
        },
      },
    });
}

/**
 * Optional, but not nullable: the field may be left out, and when sent it is validated — null
 * included. class-validator's IsOptional lets null through, which for a NOT NULL column means a
 * database error instead of a 400.
 */
export function IsOmittable(options?: ValidationOptions) {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/** No value twice in the array, checked in linear time (class-validator's ArrayUnique is quadratic). */
export function IsUniqueArray(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isUniqueArray',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not contain the same value twice`, ...options },
      validator: {
        validate(value: unknown) {
          if (!Array.isArray(value)) return true; // IsArray reports it
          const seen = new Set(value.map((v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : v)));
          return seen.size === value.length;
        },
      },
    });
}

/** No two elements of the array share `key` (an import naming one row twice), in linear time. */
export function IsUniqueBy(key: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isUniqueBy',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not name the same ${key} twice`, ...options },
      validator: {
        validate(value: unknown) {
          if (!Array.isArray(value)) return true; // IsArray reports it
          const keys = value.map((v: unknown) =>
            v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined,
          );
          const named = keys.filter((k) => typeof k === 'string' || typeof k === 'number');
          return new Set(named).size === named.length;
        },
      },
    });
}

/** A change request (PATCH) must change something: `{}` is refused, naming the fields it may carry. */
export function atLeastOneField<T extends object>(body: T, fields: readonly (keyof T & string)[]): T {
  if (!fields.some((f) => body[f] !== undefined)) {
    throw invalidField('body', 'atLeastOneField', `Send at least one of: ${fields.join(', ')}`);
  }
  return body;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be a UUID: anything else is 400 naming the parameter, never a database error. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    const name = metadata.data ?? 'id';
    throw invalidField(name, 'isUuid', `${name} must be a UUID`);
  }
}

export const uuidParam = new ParseUuidPipe();
