// Valid scripts that exercise the language broadly: the checker must report no error for any of them
// (a false error blocks a user's script, so these guard against over-eager rules).
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { parse } from '../../src/parser/index.js';

function errors(src: string): string[] {
  const { ast, diagnostics } = parse(src);
  const r = check(ast, { source: src });
  return [...diagnostics, ...r.diagnostics].filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`);
}

const CASES: [string, string][] = [
 ['casts', 'a = float(na)\nb = int(close)\nc = color(na)\nl = line(na)\ns = str.tostring(close, "#.##")\nplot(a)'],
 ['var typed', 'var float x = na\nvar line ln = na\nvar label lb = na\nx := close\nif barstate.islast\n    ln := line.new(bar_index - 1, low, bar_index, high)\nplot(x)'],
 ['ternary na', 'x = close > open ? na : close\ny = close > open ? color.red : na\nplot(x, color = y)'],
 ['udt arrays', 'type Piv\n    int b\n    float p\nvar pivs = array.new<Piv>()\nif ta.pivothigh(5, 5) > 0\n    pivs.unshift(Piv.new(bar_index, high))\nif pivs.size() > 10\n    pivs.pop()\nfor p in pivs\n    label.new(p.b, p.p)\nfor [i, p] in pivs\n    if i > 2\n        break\nplot(close)'],
 ['map', 'var m = map.new<string, int>()\nm.put("a", 1)\nfor [k, v] in m\n    log.info("{0}={1}", k, v)\nplot(m.size())'],
 ['matrix', 'mx = matrix.new<float>(2, 2, 0)\nmx.set(0, 0, close)\nr = mx.row(0)\nplot(mx.get(0, 0) + r.sum())'],
 ['switch', 'mode = input.string("A", options = ["A", "B"])\nma = switch mode\n    "A" => ta.sma(close, 10)\n    "B" => ta.ema(close, 10)\n    => close\nplot(ma)'],
 ['tuple fn', 'f(src, len) =>\n    m = ta.sma(src, len)\n    [m, m + ta.stdev(src, len)]\n[a, b] = f(close, 20)\nplot(a)\nplot(b)'],
 ['security', 'htf = request.security(syminfo.tickerid, "D", ta.sma(close, 20), lookahead = barmerge.lookahead_on)\n[h, l] = request.security(syminfo.tickerid, "W", [high, low])\nplot(htf)'],
 ['strategy', 'strategy("s", overlay = true, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)\nif ta.crossover(close, ta.sma(close, 20))\n    strategy.entry("L", strategy.long)\nstrategy.exit("X", "L", profit = 100, loss = 50)\nif strategy.position_size > 0 and close < open\n    strategy.close("L", comment = "c")'],
 ['inputs', 'src = input.source(close, "Source")\nlen = input.int(14, "Len", minval = 1, group = "g", inline = "i")\nmult = input.float(2.0, step = 0.1)\ncol = input.color(color.blue)\ntf = input.timeframe("D")\nshow = input.bool(true)\nplot(show ? ta.rsi(src, len) * mult : na, color = col)'],
 ['enum', 'enum Side\n    long = "Long"\n    short = "Short"\nside = input.enum(Side.long, "Side")\nvar s = Side.short\nif side == Side.long\n    s := Side.long\nplot(s == Side.long ? 1 : 0)\nlog.info(str.tostring(side))'],
 ['methods user', 'method double(float x) => x * 2\nmethod last(array<float> a) => a.size() > 0 ? a.get(a.size() - 1) : na\nv = close.double()\narr = array.from(1.0, 2.0)\nplot(arr.last() + v)'],
 ['while', 'i = 0\nsum = 0.0\nwhile i < 10\n    sum += close[i]\n    i += 1\nplot(sum)'],
 ['for by', 'total = 0.0\nfor i = 10 to 0 by 2\n    total += i\nplot(total)'],
 ['for expr', 'x = for i = 0 to 5\n    i * 2\nplot(x)'],
 ['history', 'x = close - close[1]\ny = ta.sma(close, 10)[2]\nz = (high + low)[1]\nplot(x + y + z)'],
 ['fill hline', 'h1 = hline(70)\nh2 = hline(30)\nfill(h1, h2, color = color.new(color.purple, 90))\np1 = plot(close)\np2 = plot(open)\nfill(p1, p2, color = close > open ? color.green : color.red)'],
 ['label table', 'var table t = table.new(position.top_right, 2, 2)\nif barstate.islast\n    t.cell(0, 0, "x", text_color = color.white, bgcolor = color.black)\n    table.cell(t, 1, 1, str.format("{0,number,#.##}", close))\nlb = label.new(bar_index, high, "h", style = label.style_label_down, size = size.small)\nlb.set_text("y")\nplot(close)'],
 ['chart point', 'p = chart.point.from_index(bar_index, close)\np2 = chart.point.now(high)\nl = line.new(p, p2)\npl = polyline.new(array.from(p, p2))\nplot(p.price)'],
 ['arrays misc', 'a = array.new_float(0)\na.push(close)\nb = array.new_int(3, 0)\nb.set(0, 5)\nc = a.copy()\nc.sort(order.descending)\nd = array.from("a", "b")\nj = d.join(",")\nidx = a.indexof(close)\nplot(a.avg() + b.get(0) + c.max() + idx)'],
 ['time fns', 't = time(timeframe.period, "0930-1600", "America/New_York")\ninSess = not na(t)\nts = timestamp("America/New_York", year, month, dayofmonth, 9, 30)\nh = hour(time, "UTC")\nplot(inSess ? ts : h)'],
 ['math', 'x = math.max(close, open, high)\ny = math.round(x, 2)\nz = math.pow(2, 3)\nw = math.abs(-5)\nplot(x + y + z + w + math.pi)'],
 ['str fns', 's = syminfo.ticker\nu = str.upper(s)\nn = str.tonumber("1.5")\nc = str.contains(u, "A")\nr = str.replace_all(s, "a", "b")\np = str.split(s, ":")\nplot(c ? n : 0)'],
 ['color fns', 'c = color.rgb(255, 0, 0, 50)\nc2 = color.from_gradient(close, low, high, color.red, color.green)\nr = color.r(c)\nplot(close, color = color.new(c2, 20))\nbgcolor(close > open ? color.new(color.green, 90) : na)'],
 ['alerts', 'cond = ta.crossover(close, open)\nalertcondition(cond, "x", "y")\nif cond\n    alert("msg " + str.tostring(close), alert.freq_once_per_bar_close)\nplot(close)'],
 ['plotshape etc', 'plotshape(close > open, style = shape.triangleup, location = location.belowbar, color = color.green, size = size.tiny)\nplotchar(close < open, char = "x")\nplotarrow(close - open)\nplotcandle(open, high, low, close)\nbarcolor(close > open ? color.green : color.red)'],
 ['var udt', 'type State\n    float level = na\n    int count = 0\n    array<float> hist\nvar st = State.new(hist = array.new<float>())\nst.count += 1\nst.level := close\nst.hist.push(close)\nplot(st.level)'],
 ['nested fn calls', 'f(x) => x + 1\ng(x) => f(x) * 2\nplot(g(close))\nplot(g(1))'],
 ['generic fn reuse', 'first(arr) => arr.size() > 0 ? arr.get(0) : na\na = array.from(1.0, 2.0)\nb = array.from("x", "y")\nplot(first(a))\nlabel.new(bar_index, high, first(b))'],
 ['ta misc', '[mid, up, lo] = ta.bb(close, 20, 2)\n[di1, di2, adx] = ta.dmi(14, 14)\n[st, dir] = ta.supertrend(3, 10)\natr = ta.atr(14)\nrng = ta.highest(high, 10) - ta.lowest(10)\nbs = ta.barssince(close > open)\nvw = ta.vwap(hlc3)\nplot(mid + atr + rng + bs + vw + adx + st)'],
 ['simple ternary length', 'len = timeframe.isintraday ? 14 : 20\nplot(ta.ema(close, len))\nlen2 = input.int(10) * 2\nplot(ta.ema(close, len2))'],
 ['max_bars_back etc', 'max_bars_back(close, 500)\nvar int cnt = 0\ncnt += 1\nplot(cnt)'],
 ['and or bool', 'a = close > open and volume > 0\nb = not a or barstate.isconfirmed\nplot(b ? 1 : 0)'],
 ['string concat', 's = "a" + str.tostring(1) + syminfo.ticker\nvar string t = ""\nt += s\nplot(close)'],
 ['na compare', 'x = ta.sma(close, 10)\nplot(na(x) ? 0 : x)\nplot(nz(x, close))\ny = fixnan(x)\nplot(y)'],
 ['runtime error', 'if bar_index > 1e9\n    runtime.error("x")\nplot(close)'],
 ['timeframe fns', 's = timeframe.in_seconds(timeframe.period)\nchange = timeframe.change("D")\nplot(s)'],
 ['array of lines', 'var lines = array.new<line>()\nif barstate.isconfirmed\n    lines.push(line.new(bar_index, low, bar_index + 1, high))\nif lines.size() > 5\n    line.delete(lines.shift())\nplot(close)'],
 ['label.all', 'a = label.all\nif a.size() > 0\n    a.get(0).delete()\nplot(close)'],
 ['export lib', 'library("mylib")\nexport f(float x) => x * 2\nexport type P\n    float v'],

 ['fn overloads', 'f(int x) => x + 1\nf(string s) => s + "!"\na = f(1)\nb = f("x")\nplot(a)'],
 ['tuple if', '[a, b] = if close > open\n    [1, 2]\nelse\n    [3, 4]\nplot(a + b)'],
 ['else if expr', 'x = if close > open\n    1\nelse if close < open\n    -1\nelse\n    0\nplot(x)'],
 ['fn const result', 'f() => 14\nplot(ta.ema(close, f()))'],
 ['var in fn', 'counter() =>\n    var c = 0\n    c += 1\n    c\nplot(ta.ema(close, 10) + counter())'],
 ['series decl param', 'f(series float src, simple int len) => ta.ema(src, len)\nplot(f(close, 10))'],
 ['switch void arms', 'switch\n    close > open => label.new(bar_index, high, "u")\n    close < open => label.new(bar_index, low, "d")\nplot(close)'],
 ['mod eq', 'x = bar_index % 2 == 0 ? "even" : "odd"\nlabel.new(bar_index, high, x)\nplot(close)'],
 ['ta.change bool', 'b = close > open\nc = ta.change(b)\nplot(c ? 1 : 0)'],
 ['array of udt field hist', 'type T\n    float v\nt = T.new(close)\nplot(t.v[1])'],
 ['ma switch fn', 'ma(src, len, t) =>\n    switch t\n        "SMA" => ta.sma(src, len)\n        "EMA" => ta.ema(src, len)\n        => ta.wma(src, len)\nlen = input.int(10)\nplot(ma(close, len, input.string("SMA")))'],
 ['matrix ops', 'm = matrix.new<int>(3, 3, 1)\nt = m.transpose()\nplot(m.rows() + t.columns() + m.elements_count())'],
 ['str.format_time', 's = str.format_time(time, "yyyy-MM-dd", syminfo.timezone)\nlabel.new(bar_index, high, s)\nplot(close)'],
 ['request.security_lower_tf', 'arr = request.security_lower_tf(syminfo.tickerid, "1", close)\nplot(arr.size() > 0 ? arr.avg() : na)'],
 ['box', 'var box b = na\nif barstate.islast\n    b := box.new(bar_index - 5, high, bar_index, low, bgcolor = color.new(color.blue, 80))\n    b.set_right(bar_index + 1)\nplot(close)'],
 ['linefill', 'l1 = line.new(bar_index, high, bar_index + 1, high)\nl2 = line.new(bar_index, low, bar_index + 1, low)\nlf = linefill.new(l1, l2, color.new(color.blue, 80))\nplot(close)'],
 ['strategy vars', 'strategy("s")\nplot(strategy.equity)\nplot(strategy.opentrades.entry_price(0))\nplot(strategy.closedtrades.profit(strategy.closedtrades - 1))\nx = strategy.position_avg_price'],
];

describe('checker: valid v6 scripts check without errors', () => {
  for (const [name, body] of CASES) {
    it(name, () => {
      const header = body.startsWith('strategy(') || body.startsWith('library(') ? '' : 'indicator("t")\n';
      expect(errors(`//@version=6\n${header}${body}\n`)).toEqual([]);
    });
  }
});

describe('checker: v5 rules', () => {
  it('accepts v5-only forms (implicit bool casts, when=, bool na, int division)', () => {
    const src = `//@version=5
strategy("v5", overlay=true)
len = input(14, title="Len")
src = input(close, "src")
x = 5 / 2
a = array.new_float(0)
var float acc = na
acc := nz(acc[1]) + 1
cond = close - open
if cond
    strategy.entry("L", strategy.long, when = close > open)
strategy.close("L", when = bar_index % 10)
b = close and volume
plot(ta.ema(src, len), color = color.new(color.red, 50))
c = not bar_index
bool bb = na
`;
    expect(errors(src)).toEqual([]);
  });
});
