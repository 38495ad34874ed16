// Constant namespaces with no behaviour of their own. Representation choices (consumers — plots,
// drawings, request.security — compare against these values):
// * style-like constants are their own name after the dot ('abovebar', 'style_line' → 'line' …);
// * display.* and text.format_* are bit flags so they can be added/combined as Pine allows;
// * barmerge.* are booleans (gaps_on / lookahead_on = true);
// * dayofweek.* are Pine's day numbers (Sunday = 1 … Saturday = 7);
// * currency.* are ISO codes ('NONE' for currency.NONE).
// strategy.* constants belong to the broker.
import { COLOR_CONSTANTS } from './color.js';
import { MATH_CONSTANTS } from './math.js';

function names(ns: string, list: readonly string[], value: (n: string) => unknown = (n) => n): Record<string, unknown> {
  return Object.fromEntries(list.map((n) => [`${ns}.${n}`, value(n)]));
}

const CURRENCIES = [
  'AED', 'ARS', 'AUD', 'BDT', 'BHD', 'BRL', 'BTC', 'CAD', 'CHF', 'CLP', 'CNY', 'COP', 'CZK', 'DKK', 'EGP', 'ETH', 'EUR', 'GBP',
  'HKD', 'HUF', 'IDR', 'ILS', 'INR', 'ISK', 'JPY', 'KES', 'KRW', 'KWD', 'LKR', 'MAD', 'MXN', 'MYR', 'NGN', 'NOK', 'NONE', 'NZD',
  'PEN', 'PHP', 'PKR', 'PLN', 'QAR', 'RON', 'RSD', 'RUB', 'SAR', 'SEK', 'SGD', 'THB', 'TND', 'TRY', 'TWD', 'USD', 'USDT', 'VES',
  'VND', 'ZAR',
];

export const DISPLAY_FLAGS = {
  none: 0,
  pane: 1,
  data_window: 2,
  price_scale: 4,
  status_line: 8,
  pine_screener: 16,
  all: 31,
} as const;

export const DAY_OF_WEEK = { sunday: 1, monday: 2, tuesday: 3, wednesday: 4, thursday: 5, friday: 6, saturday: 7 } as const;

const stripStyle = (n: string): string => n.replace(/^style_|^linestyle_/, '');

export const STDLIB_CONSTANT_VALUES: Record<string, unknown> = {
  ...MATH_CONSTANTS,
  ...COLOR_CONSTANTS,
  ...names('adjustment', ['dividends', 'none', 'splits']),
  ...names('alert', ['freq_all', 'freq_once_per_bar', 'freq_once_per_bar_close']),
  ...names('backadjustment', ['inherit', 'off', 'on']),
  'barmerge.gaps_off': false,
  'barmerge.gaps_on': true,
  'barmerge.lookahead_off': false,
  'barmerge.lookahead_on': true,
  ...names('currency', CURRENCIES),
  ...names('dayofweek', Object.keys(DAY_OF_WEEK), (n) => DAY_OF_WEEK[n as keyof typeof DAY_OF_WEEK]),
  ...names('display', Object.keys(DISPLAY_FLAGS), (n) => DISPLAY_FLAGS[n as keyof typeof DISPLAY_FLAGS]),
  ...names('dividends', ['gross', 'net']),
  ...names('earnings', ['actual', 'estimate', 'standardized']),
  ...names('extend', ['both', 'left', 'none', 'right']),
  ...names('font', ['family_default', 'family_monospace']),
  ...names('format', ['inherit', 'mintick', 'percent', 'price', 'volume']),
  ...names('hline', ['style_dashed', 'style_dotted', 'style_solid'], stripStyle),
  ...names(
    'label',
    [
      'style_arrowdown', 'style_arrowup', 'style_circle', 'style_cross', 'style_diamond', 'style_flag', 'style_label_center',
      'style_label_down', 'style_label_left', 'style_label_lower_left', 'style_label_lower_right', 'style_label_right',
      'style_label_up', 'style_label_upper_left', 'style_label_upper_right', 'style_none', 'style_square', 'style_text_outline',
      'style_triangledown', 'style_triangleup', 'style_xcross',
    ],
    stripStyle,
  ),
  ...names('line', ['style_arrow_both', 'style_arrow_left', 'style_arrow_right', 'style_dashed', 'style_dotted', 'style_solid'], stripStyle),
  ...names('location', ['abovebar', 'absolute', 'belowbar', 'bottom', 'top']),
  ...names('order', ['ascending', 'descending']),
  ...names(
    'plot',
    [
      'linestyle_dashed', 'linestyle_dotted', 'linestyle_solid', 'style_area', 'style_areabr', 'style_circles', 'style_columns',
      'style_cross', 'style_histogram', 'style_line', 'style_linebr', 'style_stepline', 'style_stepline_diamond', 'style_steplinebr',
    ],
    stripStyle,
  ),
  ...names('position', [
    'bottom_center', 'bottom_left', 'bottom_right', 'middle_center', 'middle_left', 'middle_right', 'top_center', 'top_left', 'top_right',
  ]),
  ...names('scale', ['left', 'none', 'right']),
  ...names('session', ['extended', 'regular']),
  ...names('settlement_as_close', ['inherit', 'off', 'on']),
  ...names('shape', [
    'arrowdown', 'arrowup', 'circle', 'cross', 'diamond', 'flag', 'labeldown', 'labelup', 'square', 'triangledown', 'triangleup', 'xcross',
  ]),
  ...names('size', ['auto', 'huge', 'large', 'normal', 'small', 'tiny']),
  ...names('splits', ['denominator', 'numerator']),
  ...names('text', ['align_bottom', 'align_center', 'align_left', 'align_right', 'align_top', 'wrap_auto', 'wrap_none']),
  // Bit flags: Pine combines them with + (text.format_bold + text.format_italic).
  'text.format_none': 0,
  'text.format_bold': 1,
  'text.format_italic': 2,
  ...names('xloc', ['bar_index', 'bar_time']),
  ...names('yloc', ['abovebar', 'belowbar', 'price']),
};
