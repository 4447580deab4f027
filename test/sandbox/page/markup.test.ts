// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { css, hashStyle } from './client/css.ts';
import { h } from './client/dom.ts';
import { lang } from './client/i18n.ts';

describe('css()', () => {
  it('hashes a style into a generated class and injects its rule once', () => {
    const a = css('color:red;');
    expect(a).toMatch(/^_[0-9a-z]{6}$/);
    expect(css('color:red;')).toBe(a);
    expect(css('color:blue;')).not.toBe(a);
    expect(hashStyle('color:red;|')).toBe(a.slice(1));
    const rules = Array.from(document.querySelectorAll('style'))
      .map((style) => style.textContent ?? '')
      .join('');
    expect(rules.split(`.${a}{color:red;}`).length - 1).toBe(1);
  });

  it('expands & in nested selectors to the class', () => {
    const name = css('padding:0;', { '&:hover': 'color:green;' });
    const text = Array.from(document.querySelectorAll('style'))
      .map((style) => style.textContent ?? '')
      .join('');
    expect(text).toContain(`.${name}:hover{color:green;}`);
  });
});

describe('h()', () => {
  it('renders untrusted names as text, never as markup', () => {
    const name = '<img src=x onerror=alert(1)> Test';
    const cell = h('td', { class: css('padding:1px;') }, h('span', {}, name));
    expect(cell.textContent).toBe(name);
    expect(cell.querySelector('img')).toBeNull();
  });

  it('sets attributes and skips undefined ones', () => {
    const box = h('input', { attrs: { type: 'checkbox', 'aria-label': 'Markera alla', title: undefined } });
    expect(box.type).toBe('checkbox');
    expect(box.getAttribute('aria-label')).toBe('Markera alla');
    expect(box.hasAttribute('title')).toBe(false);
  });
});

describe('lang()', () => {
  it('speaks the seed vocabulary in sv, nb and en', () => {
    expect(lang('sv').counter(2, 22)).toBe('2/22 tilldelade');
    expect(lang('nb').counter(2, 22)).toBe('2/22 tildelt');
    expect(lang('en').counter(2, 22)).toBe('2/22 assigned');
    expect(lang('sv').users(2)).toBe('2 användare');
    expect(lang('nb').users(2)).toBe('2 brukere');
    expect(lang('en').users(1)).toBe('1 user');
    expect(lang('sv').pieces(20)).toBe('20 st');
    expect(lang('nb').pieces(20)).toBe('20 stk');
    expect(lang('en').pieces(20)).toBe('20 pcs');
    expect(lang('sv').classCount(3)).toBe('3 klasser');
    expect(lang('sv').roles(['TEACHER', 'ADMIN'])).toBe('Lärare, Administratör');
    expect(lang('sv').kind('SINGLE')).toBe('Singellicenser');
    expect(lang('nb').kind('CLASS')).toBe('Klasselisenser');
    expect(lang('en').t.withdraw).toBe('Withdraw');
  });
});
