/* Python's `'%s' % x` and `'{}'.format(x)` string formatting. */
import { isMapping, pyRepr, pyStr, PyFloat, type Mapping } from './python-values';

interface Spec {
  fill: string;
  align: string;
  sign: string;
  zero: boolean;
  width: number;
  grouping: string;
  precision?: number;
  type: string;
}

const PERCENT_DIRECTIVE = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g;

/** `template % values`: values is a tuple (array), a dict for `%(name)s`, or a single value. */
export function percentFormat(template: string, values: unknown): string {
  const positional = Array.isArray(values) ? values : [values];
  let next = 0;
  const formatted = template.replace(PERCENT_DIRECTIVE, (_all, name: string | undefined, flags: string, width, precision, type: string) => {
    if (type === '%') return '%';
    let value: unknown;
    if (name !== undefined) {
      if (!isMapping(values)) throw new Error(`'%(${name})s' formatting needs a dict on the right of %, got ${pyRepr(values)}`);
      value = values[name];
    } else {
      if (next >= positional.length) throw new Error(`not enough arguments for format string '${template}'`);
      value = positional[next++];
    }
    return applySpec(value, {
      fill: ' ',
      align: flags.includes('-') ? '<' : '>',
      sign: flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '',
      zero: flags.includes('0') && !flags.includes('-'),
      width: width ? Number(width) : 0,
      grouping: '',
      precision: precision === undefined ? undefined : Number(precision),
      type: type === 'i' || type === 'u' ? 'd' : type,
    });
  });
  if (Array.isArray(values) && next < values.length) throw new Error(`not all arguments converted during string formatting of '${template}'`);
  return formatted;
}

const FIELD = /\{\{|\}\}|\{([^{}]*)\}/g;
const FORMAT_SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** `template.format(*positional, **named)`: `{}`, `{0}`, `{name}`, `{name.attr}`, `!r`, and `:spec`. */
export function strFormat(template: string, positional: unknown[], named: Mapping): string {
  let auto = 0;
  return template.replace(FIELD, (all, field: string | undefined) => {
    if (field === undefined) return all[0];
    const [, path = '', conversion, specText = ''] = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field) ?? [];
    const [head, ...attributes] = path.split('.');
    let value: unknown = head === '' ? positional[auto++] : /^\d+$/.test(head) ? positional[Number(head)] : named[head];
    for (const attribute of attributes) value = (value as Mapping | undefined)?.[attribute];
    if (conversion === 'r' || conversion === 'a') value = pyRepr(value);
    else if (conversion === 's') value = pyStr(value);
    const spec = FORMAT_SPEC.exec(specText);
    if (!spec) throw new Error(`invalid format spec '${specText}' in '${template}'`);
    const [, fill, align, sign, , zero, width, grouping, precision, type] = spec;
    return applySpec(value, {
      fill: fill ?? (zero ? '0' : ' '),
      align: align ?? (zero ? '=' : ''),
      sign: sign ?? '',
      zero: false,
      width: width ? Number(width) : 0,
      grouping: grouping ?? '',
      precision: precision === undefined ? undefined : Number(precision),
      type: type ?? '',
    });
  });
}

function applySpec(value: unknown, spec: Spec): string {
  const numeric = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value instanceof PyFloat;
  let body: string;
  let sign = '';
  switch (spec.type) {
    case 'r':
    case 'a':
      body = pyRepr(value);
      break;
    case 's':
    case '':
      body = numeric && spec.type === '' ? numberText(value, spec) : pyStr(value);
      if (spec.precision !== undefined && !numeric) body = body.slice(0, spec.precision);
      break;
    case 'c':
      body = typeof value === 'number' ? String.fromCharCode(value) : pyStr(value);
      break;
    default: {
      const number = Number(value);
      if (Number.isNaN(number) && typeof value !== 'number') throw new Error(`format '%${spec.type}' needs a number, got ${pyRepr(value)}`);
      sign = number < 0 || Object.is(number, -0) ? '-' : spec.sign === '-' ? '' : spec.sign;
      body = numberText(Math.abs(number), spec);
    }
  }
  const padding = Math.max(0, spec.width - body.length - sign.length);
  if (padding === 0) return sign + body;
  if (spec.zero && numeric) return sign + '0'.repeat(padding) + body;
  const align = spec.align || (numeric ? '>' : '<');
  const fill = spec.fill.repeat(padding);
  if (align === '<') return sign + body + fill;
  if (align === '=') return sign + fill + body;
  if (align === '^') return spec.fill.repeat(Math.floor(padding / 2)) + sign + body + spec.fill.repeat(Math.ceil(padding / 2));
  return fill + sign + body;
}

function numberText(value: unknown, spec: Spec): string {
  const number = Number(value);
  let text: string;
  switch (spec.type) {
    case 'd':
    case 'n':
      text = String(Math.trunc(number));
      break;
    case 'f':
    case 'F':
      text = number.toFixed(spec.precision ?? 6);
      break;
    case 'e':
    case 'E':
      text = number.toExponential(spec.precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      break;
    case 'g':
    case 'G':
      text = String(Number(number.toPrecision(spec.precision || 6)));
      break;
    case '%':
      text = (number * 100).toFixed(spec.precision ?? 6) + '%';
      break;
    case 'x':
    case 'X':
      text = Math.trunc(number).toString(16);
      break;
    case 'o':
      text = Math.trunc(number).toString(8);
      break;
    case 'b':
      text = Math.trunc(number).toString(2);
      break;
    default:
      text = typeof value === 'boolean' ? pyStr(value) : spec.precision !== undefined ? number.toFixed(spec.precision) : pyStr(value);
  }
  if (spec.type === 'X' || spec.type === 'E' || spec.type === 'G' || spec.type === 'F') text = text.toUpperCase();
  if (spec.grouping) text = text.replace(/^(\d+)/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, spec.grouping));
  return text;
}
