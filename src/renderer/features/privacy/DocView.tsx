import type { DocText } from '../../../shared/domain';

/** A generated document (notice, record of processing) as the customer or the owner reads it. */
export function DocView({ text }: { text: DocText }) {
  return (
    <article className="doc" data-testid="doc">
      <h2>{text.title}</h2>
      <p className="muted small">{text.subtitle}</p>
      {text.sections.map((s, i) => (
        <section key={i}>
          {s.title && <h3>{s.title}</h3>}
          {s.paragraphs?.map((p, j) => (
            <p key={j}>{p}</p>
          ))}
          {s.items && s.items.length > 0 && (
            <ul>
              {s.items.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </article>
  );
}
