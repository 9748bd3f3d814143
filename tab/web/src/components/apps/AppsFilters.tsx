import { Checkbox, Field, SearchBox, Select } from '@fluentui/react-components';
import type { AppsQuery } from '../../api/client';

interface Props {
  query: AppsQuery;
  search: string;
  onSearch: (text: string) => void;
  onChange: (query: AppsQuery) => void;
}

/** Search, filters and sort of the integrated-apps list. */
export function AppsFilters({ query, search, onSearch, onChange }: Props): JSX.Element {
  const set = <K extends keyof AppsQuery>(key: K, value: AppsQuery[K]): void => onChange({ ...query, [key]: value });
  return (
    <div className="filters" role="search" aria-label="Filter integrated apps">
      <Field label="Search" className="filter-search">
        <SearchBox value={search} onChange={(_, data) => onSearch(data.value)} placeholder="Name, publisher or app ID" />
      </Field>
      <Field label="Publisher verified">
        <Select value={query.verified} onChange={(_, data) => set('verified', data.value as AppsQuery['verified'])}>
          <option value="">Any</option>
          <option value="true">Verified</option>
          <option value="false">Not verified</option>
        </Select>
      </Field>
      <Field label="Consent">
        <Select value={query.consent} onChange={(_, data) => set('consent', data.value as AppsQuery['consent'])}>
          <option value="">Any</option>
          <option value="admin">Admin (tenant-wide)</option>
          <option value="user">Users</option>
          <option value="none">None</option>
        </Select>
      </Field>
      <Field label="Sort by">
        <Select value={query.sort} onChange={(_, data) => set('sort', data.value as AppsQuery['sort'])}>
          <option value="risk">Risk</option>
          <option value="name">Name</option>
          <option value="expiry">Credential expiry</option>
        </Select>
      </Field>
      <div className="filter-checks">
        <Checkbox
          label="High privilege"
          checked={query.highPrivilege}
          onChange={(_, data) => set('highPrivilege', data.checked === true)}
        />
        <Checkbox label="Credentials expiring" checked={query.expiring} onChange={(_, data) => set('expiring', data.checked === true)} />
      </div>
    </div>
  );
}
