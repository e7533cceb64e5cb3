// The two pages under Connections: the connections themselves and their Lists (what "Connections → Lists" in the
// engine's messages names). Both the connections feature and the lists feature show it, so it lives here.
import { href } from '../lib/route';
import './connections-tabs.css';

export function ConnectionsTabs({
  current,
  connectionId,
}: {
  current: 'connections' | 'lists';
  connectionId?: string | null;
}) {
  const tabs = [
    { id: 'connections' as const, label: 'Connections', to: href('connections') },
    {
      id: 'lists' as const,
      label: 'Lists',
      to: connectionId ? href('connections', 'lists', connectionId) : href('connections', 'lists'),
    },
  ];
  return (
    <nav className="tabs" aria-label="Connections">
      {tabs.map((tab) => (
        <a
          key={tab.id}
          href={tab.to}
          className={`tabs__tab${current === tab.id ? ' tabs__tab--current' : ''}`}
          aria-current={current === tab.id ? 'page' : undefined}
          data-testid={`connections-tab-${tab.id}`}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
