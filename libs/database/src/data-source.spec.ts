import { appUrlFrom, passwordOf, roleOf } from './data-source';

describe('appUrlFrom', () => {
  it('connects as the application role with a password of its own, never the owner’s', () => {
    const app = appUrlFrom('postgres://owner:s3cret%2Fpass@db.example:5432/wardline');
    expect(roleOf(app)).toBe('wardline_app');
    expect(passwordOf(app)).toBeDefined();
    expect(passwordOf(app)).not.toBe('s3cret/pass');
    expect(app).not.toContain('s3cret');
    expect(appUrlFrom('postgres://owner:s3cret%2Fpass@db.example:5432/wardline')).toBe(app);
    expect(new URL(app).host).toBe('db.example:5432');
  });

  it('has no password when the owner has none (trust or peer authentication)', () => {
    expect(passwordOf(appUrlFrom('postgres://postgres@127.0.0.1:5432/test'))).toBeUndefined();
  });
});
