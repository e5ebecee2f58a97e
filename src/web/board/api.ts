// The board talks to the same GraphQL API as any frontend team: HTTP for queries and `login`,
// graphql-ws for subscriptions (see live.ts).

export interface GraphQLErrorShape {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; retryAfterSeconds?: number; [key: string]: unknown };
}

/** A request that answered with errors (or not at all); `code` is the first error's code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly errors: GraphQLErrorShape[] = [],
  ) {
    super(message);
  }
}

export interface Session {
  token: string;
  accountId: string;
  expiresAt: string;
  email: string;
  displayName: string;
  role: string;
  /** The register's name of the person who holds the account, when it is linked to a cadre. */
  person?: string | null;
  /** Their post and unit, when linked. */
  post?: string | null;
}

const SESSION_KEY = 'giamsat.board.session';

/** The signed-in session, kept in sessionStorage (gone when the tab closes). */
export const session = {
  load(): Session | null {
    try {
      const raw = sessionStorage.getItem(SESSION_KEY);
      if (!raw) return null;
      const s = JSON.parse(raw) as Session;
      return typeof s.token === 'string' && typeof s.accountId === 'string' && Date.parse(s.expiresAt) > Date.now() ? s : null;
    } catch {
      return null;
    }
  },
  save(s: Session) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

export const GRAPHQL_HTTP_URL = '/graphql';

export function graphqlWsUrl(): string {
  const url = new URL(GRAPHQL_HTTP_URL, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Runs one operation over HTTP. Resolves with `data` when there are no errors; otherwise
 * rejects with an ApiError (partial data is not used by the board).
 */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(GRAPHQL_HTTP_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('Không kết nối được máy chủ', 'NETWORK');
  }
  let body: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError(`Máy chủ trả lời không hợp lệ (HTTP ${res.status})`, 'HTTP');
  }
  if (body.errors?.length) {
    const first = body.errors[0]!;
    throw new ApiError(first.message, first.extensions?.code, body.errors);
  }
  if (!body.data) throw new ApiError('Máy chủ không trả dữ liệu', 'HTTP');
  return body.data;
}

// ------------------------------------------------------------------ operations

/** Who signed in, as the register knows them (for the header). */
export const ME_PERSON = /* GraphQL */ `
  query BoardMe {
    me {
      cadre {
        fullName
        post {
          name
        }
      }
      unit {
        name
      }
    }
  }
`;

export interface MePerson {
  me: { cadre: { fullName: string; post: { name: string } | null } | null; unit: { name: string } | null };
}

export const LOGIN = /* GraphQL */ `
  mutation BoardLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      account {
        id
        email
        displayName
        role
      }
    }
  }
`;

export interface CountByKey {
  key: string;
  count: number;
}
export interface DayCount {
  day: string;
  count: number;
}

export interface Board {
  generatedAt: string;
  openReportsByStatus: CountByKey[];
  openReportsByKind: CountByKey[];
  openReportsBySource: CountByKey[];
  overdueCount: number;
  /** Anonymous denunciations kept as information (Luật Tố cáo, Điều 25): no deadline, never overdue. */
  informationCount: number;
  dueSoonCount: number;
  /** The server's due-soon threshold (BOARD_DUE_SOON_DAYS), for the due-soon list and its labels. */
  dueSoonDays: number;
  receivedToday: number;
  receivedThisWeek: number;
  receivedThisMonth: number;
  inspectionsInProgress: number;
  findingsThisMonthBySeverity: CountByKey[];
  findingsThisMonthByArea: CountByKey[];
  disciplineCasesByStatus: CountByKey[];
  reportsPerDay: DayCount[];
}

export const BOARD = /* GraphQL */ `
  query BoardCounters {
    board {
      generatedAt
      openReportsByStatus {
        key
        count
      }
      openReportsByKind {
        key
        count
      }
      openReportsBySource {
        key
        count
      }
      overdueCount
      informationCount
      dueSoonCount
      dueSoonDays
      receivedToday
      receivedThisWeek
      receivedThisMonth
      inspectionsInProgress
      findingsThisMonthBySeverity {
        key
        count
      }
      findingsThisMonthByArea {
        key
        count
      }
      disciplineCasesByStatus {
        key
        count
      }
      reportsPerDay(days: 30) {
        day
        count
      }
    }
  }
`;

export interface DeadlineReport {
  id: string;
  title: string;
  kind: string;
  field: string;
  source: string;
  status: string;
  dueAt: string | null;
  daysLeft: number | null;
  receivedAt: string;
}

export interface Deadlines {
  overdue: { totalCount: number; edges: Array<{ node: DeadlineReport }> };
  dueSoon: { totalCount: number; edges: Array<{ node: DeadlineReport }> };
}

export const DEADLINES = /* GraphQL */ `
  query BoardDeadlines($dueWithinDays: Int!) {
    overdue: reports(filter: { overdue: true }, first: 8) {
      totalCount
      edges {
        node {
          ...DeadlineReport
        }
      }
    }
    dueSoon: reports(filter: { dueWithinDays: $dueWithinDays }, first: 8) {
      totalCount
      edges {
        node {
          ...DeadlineReport
        }
      }
    }
  }
  fragment DeadlineReport on Report {
    id
    title
    kind
    field
    source
    status
    dueAt
    daysLeft
    receivedAt
  }
`;

export interface BoardEvent {
  cursor: string;
  id: string;
  type: string;
  occurredAt: string;
  reportId: string | null;
  inspectionId: string | null;
  findingId: string | null;
  disciplineCaseId: string | null;
  payload: Record<string, unknown>;
  /** What happened to what, in Vietnamese, resolved for this viewer by the server. */
  summary?: string;
  subjectTitle?: string | null;
}

const EVENT_FIELDS = 'cursor id type occurredAt reportId inspectionId findingId disciplineCaseId payload summary subjectTitle';

export const LATEST_EVENTS = /* GraphQL */ `
  query BoardLatestEvents($count: Int!) {
    latestBoardEvents(count: $count) { cursor events { ${EVENT_FIELDS} } }
  }
`;

export const BOARD_EVENTS = /* GraphQL */ `
  subscription BoardFeed($after: String) {
    boardEvents(after: $after) { ${EVENT_FIELDS} }
  }
`;

export interface PresenceEntry {
  subjectType: string;
  subjectId: string;
  accountId: string;
  who: string;
  since: string;
  /** The title of what they work on, as this viewer may read it. */
  subjectTitle?: string | null;
}

export const PRESENCE = /* GraphQL */ `
  subscription BoardPresence {
    presence {
      subjectType
      subjectId
      accountId
      who
      since
      subjectTitle
    }
  }
`;

export const WORKING_ON = /* GraphQL */ `
  subscription BoardWorkingOn($subjectType: PresenceSubjectType!, $subjectId: ID!) {
    workingOn(subjectType: $subjectType, subjectId: $subjectId) {
      subjectType
      subjectId
      accountId
      who
      since
      subjectTitle
    }
  }
`;

export const REPORT_DETAIL = /* GraphQL */ `
  query BoardReport($id: ID!) {
    report(id: $id) {
      id
      title
      kind
      field
      source
      channel
      status
      receivedAt
      dueAt
      daysLeft
      overdue
      handler {
        displayName
        email
      }
    }
  }
`;

export interface ReportDetail extends DeadlineReport {
  channel: string;
  overdue: boolean;
  handler: { displayName: string; email: string } | null;
}

// ------------------------------------------------------------------ the intake desk

export interface DeskReport {
  id: string;
  version: number;
  title: string;
  kind: string;
  field: string;
  source: string;
  channel: string;
  status: string;
  receivedAt: string;
  dueAt: string | null;
  daysLeft: number | null;
  overdue: boolean;
  pressOutlet: string | null;
  handler: { id: string; displayName: string; email: string } | null;
  concernedCadreIds: string[];
  concernedUnitIds: string[];
}

const DESK_REPORT_FIELDS =
  'id version title kind field source channel status receivedAt dueAt daysLeft overdue pressOutlet handler { id displayName email } concernedCadreIds concernedUnitIds';

/** The queue: reports not yet accepted or refused (received or classified), newest first. */
export const DESK_QUEUE = /* GraphQL */ `
  query DeskQueue {
    reports(filter: { statuses: [RECEIVED, CLASSIFIED] }, first: 50) {
      totalCount
      edges { node { ${DESK_REPORT_FIELDS} } }
    }
  }
`;

export interface DeskCadre {
  id: string;
  fullName: string;
  post: { name: string };
  unit: { name: string };
}

export const DESK_CADRES = /* GraphQL */ `
  query DeskCadres($search: String!) {
    cadres(filter: { search: $search }, first: 8) {
      edges {
        node {
          id
          fullName
          post {
            name
          }
          unit {
            name
          }
        }
      }
    }
  }
`;

export const DESK_UNITS = /* GraphQL */ `
  query DeskUnits {
    units(first: 500) {
      id
      name
    }
  }
`;

export const DESK_PRESS_CHECK = /* GraphQL */ `
  query DeskPressCheck($url: String!) {
    pressArticleByUrl(url: $url) {
      id
      title
      status
      receivedAt
    }
  }
`;

export const DESK_HANDLERS = /* GraphQL */ `
  query DeskHandlers {
    reportHandlers {
      id
      displayName
      email
    }
  }
`;

export const DESK_RECORD_PRESS = /* GraphQL */ `
  mutation DeskRecordPress($input: RecordPressReportInput!) {
    recordPressReport(input: $input) {
      id
      title
      dueAt
    }
  }
`;

export const DESK_RECORD = /* GraphQL */ `
  mutation DeskRecord($input: RecordReportInput!) {
    recordReport(input: $input) {
      receiptCode
      dueAt
    }
  }
`;

export const DESK_TRANSITION = /* GraphQL */ `
  mutation DeskClassify($input: TransitionReportInput!) {
    transitionReport(input: $input) { ${DESK_REPORT_FIELDS} }
  }
`;

/** Links cadres and units to a recorded report (the lists replace the old ones), with the reason. */
export const DESK_CORRECT = /* GraphQL */ `
  mutation DeskCorrect($input: CorrectReportInput!) {
    correctReport(input: $input) { ${DESK_REPORT_FIELDS} }
  }
`;

export const DESK_ASSIGN = /* GraphQL */ `
  mutation DeskAssign($input: AssignReportInput!) {
    assignReport(input: $input) { ${DESK_REPORT_FIELDS} }
  }
`;
