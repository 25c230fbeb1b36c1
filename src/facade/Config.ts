/**
 * Client settings: from explicit options, or from Effect `Config` (the current `ConfigProvider`,
 * by default the environment). Platform-neutral: reading a `.env` file is the Node entry's job
 * (`effect-calcom/node`, `src/facade/DotEnv.ts`), which hands its values to `loadOptions`.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `CAL_COM_API_KEY` | (required) | API key, `cal_…` or `Bearer cal_…` |
 * | `CAL_COM_BASE_URL` | `https://api.cal.com` | API origin: EU `https://api.cal.eu`, or self-hosted; a trailing `/v2` is dropped |
 * | `CAL_COM_USER_ID`, `CAL_COM_ORG_ID` | none | defaults for operations scoped to a user or organisation |
 * | `CAL_COM_TIMEOUT` | `30 seconds` | per-attempt timeout (`"10 seconds"` or milliseconds) |
 * | `CAL_COM_DEADLINE` | `2 minutes` | overall deadline of one call, retries and waits included |
 * | `CAL_COM_MAX_RETRIES` | `3` | retries after the first attempt, when a retry is safe |
 * | `CAL_COM_WAIT_ON_RATE_LIMIT` | `true` | wait for the reset instead of provoking a 429 |
 * | `CAL_COM_VERIFY_ON_START` | `false` | check the key with `GET /v2/me` when the layer is built |
 * | `CAL_COM_ALLOW_INSECURE_HTTP` | `false` | allow `http://` to a host that is not loopback (key in clear text) |
 * | `CAL_COM_REDIS_URL` | none | `redis://[user:password@]host:port[/db]` (or `rediss://`): share the rate budget and the circuit with every client of the same key (`effect-calcom/node`, `effect-calcom/redis`) |
 *
 * The key is `Redacted` from the moment it is read; messages name variables, never values.
 */
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CalComConfigError } from "./Errors.js"
import { DEFAULT_MAX_RESPONSE_BYTES } from "./internal/Body.js"

/** Options of a client, as a user writes them. Only `apiKey` is required. */
export interface CalComOptions {
  /** `cal_…`, `cal_live_…` or an OAuth access token; a leading `Bearer ` is accepted. */
  readonly apiKey: Redacted.Redacted<string> | string
  /** API origin (`https://api.cal.com`, `https://api.cal.eu`, self-hosted). */
  readonly baseUrl?: string | undefined
  /**
   * Allow an `http://` base URL to a host that is not loopback. The key then travels in clear
   * text: only for a trusted network. Default false (`http://` only to 127.0.0.0/8, `::1`, `localhost`).
   */
  readonly allowInsecureHttp?: boolean | undefined
  readonly userId?: number | undefined
  readonly orgId?: number | undefined
  /** Per-attempt timeout. Default 30 seconds. */
  readonly timeout?: Duration.Input | undefined
  /** Overall deadline of one logical call. Default 2 minutes. */
  readonly deadline?: Duration.Input | undefined
  readonly retry?:
    | {
        /** Retries after the first attempt. Default 3. */
        readonly maxRetries?: number | undefined
        /** First backoff delay, doubled each retry, ±20% jitter. Default 1 second. */
        readonly baseDelay?: Duration.Input | undefined
        /** Cap of one backoff delay (a rate-limit reset may be longer). Default 30 seconds. */
        readonly maxDelay?: Duration.Input | undefined
      }
    | undefined
  /** Wait for a rate-limit reset rather than send a request that will get a 429. Default true. */
  readonly waitOnRateLimit?: boolean | undefined
  readonly circuitBreaker?:
    | {
        /** Consecutive failures (5xx, timeouts, network) that open the circuit. Default 5. */
        readonly failures?: number | undefined
        /** First open period, doubling on each reopening up to `maxOpenDuration`. Default 5 seconds. */
        readonly openDuration?: Duration.Input | undefined
        /** Default 1 minute. */
        readonly maxOpenDuration?: Duration.Input | undefined
      }
    | undefined
  /** Check the key with `GET /v2/me` when the layer is built. Default false. */
  readonly verifyOnStart?: boolean | undefined
  /** How long `me.get` serves a cached profile. Default 5 minutes. */
  readonly profileTtl?: Duration.Input | undefined
  /** `fetch` to use instead of the global one. */
  readonly fetch?: typeof globalThis.fetch | undefined
  /** Most bytes read from one response body (after decompression); more is a `CalComDecodeError`. Default 5 MiB. */
  readonly maxResponseBytes?: number | undefined
  /**
   * `redis://[user:password@]host:port[/db]` or `rediss://…`: every client of the same key shares
   * one rate-limit window and one circuit through this Redis. Needs the Redis client:
   * `layerConfig` from `effect-calcom/node` connects by itself; with `CalCom.layer`, provide
   * `layer` from `effect-calcom/redis`. Default none (each client paces itself).
   */
  readonly redisUrl?: Redacted.Redacted<string> | string | undefined
}

/** Options after validation and defaults. */
export interface ResolvedOptions {
  readonly apiKey: Redacted.Redacted<string>
  readonly baseUrl: string
  readonly userId: number | undefined
  readonly orgId: number | undefined
  readonly timeout: Duration.Duration
  readonly deadline: Duration.Duration
  readonly maxRetries: number
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly waitOnRateLimit: boolean
  readonly breakerFailures: number
  readonly breakerOpen: Duration.Duration
  readonly breakerMaxOpen: Duration.Duration
  readonly verifyOnStart: boolean
  readonly profileTtl: Duration.Duration
  readonly fetch: typeof globalThis.fetch | undefined
  readonly maxResponseBytes: number
  readonly redisUrl: Redacted.Redacted<string> | undefined
}

export const DEFAULT_BASE_URL = "https://api.cal.com"

const fail = (variable: string, message: string) => Effect.fail(new CalComConfigError({ variable, message }))

/**
 * Why a key cannot go into a header, if it cannot: a control character (NUL, DEL…) or anything
 * outside printable ASCII. `fetch` would refuse such a header with a message that quotes it.
 */
export const headerSafetyIssue = (raw: string, variable: string): string | undefined =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  /[\u0000-\u001f\u007f-\u009f]/.test(raw)
    ? `${variable} contains a control character: it must be the key alone (cal_…)`
    : /[^\u0021-\u007e]/.test(raw)
      ? `${variable} contains characters outside printable ASCII, which no Cal.com key has`
      : undefined

/** Whether `hostname` (as `URL` gives it) is this machine: 127.0.0.0/8, `::1`, `localhost`, `*.localhost`. */
export const isLoopback = (hostname: string): boolean =>
  /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
  hostname === "[::1]" ||
  hostname === "localhost" ||
  hostname.endsWith(".localhost")

/** Refuses an `http://` origin that is not loopback unless `allowInsecureHttp`: the key would travel in clear text. */
export const refuseCleartext = (
  baseUrl: string,
  allowInsecureHttp: boolean,
  variable = "baseUrl"
): Effect.Effect<string, CalComConfigError> => {
  const url = new URL(baseUrl)
  return url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp
    ? fail(
        variable,
        `${variable} (CAL_COM_BASE_URL) is http:// to ${url.hostname}: the API key would travel in clear text. Use https://, or set allowInsecureHttp (CAL_COM_ALLOW_INSECURE_HTTP=true) for a trusted network`
      )
    : Effect.succeed(baseUrl)
}

/** A key without `Bearer `, trimmed; empty, short or spaced keys are refused without showing them. */
export const normalizeApiKey = (
  key: Redacted.Redacted<string> | string,
  variable = "CAL_COM_API_KEY"
): Effect.Effect<Redacted.Redacted<string>, CalComConfigError> => {
  const raw = (typeof key === "string" ? key : Redacted.value(key)).trim().replace(/^bearer\s+/i, "")
  if (raw === "") return fail(variable, `${variable} is empty: set it to your Cal.com API key (cal_…)`)
  if (/\s/.test(raw)) return fail(variable, `${variable} contains whitespace: it must be the key alone (cal_…)`)
  if (raw.length < 12) return fail(variable, `${variable} is too short to be a Cal.com API key (cal_…)`)
  const unprintable = headerSafetyIssue(raw, variable)
  if (unprintable !== undefined) return fail(variable, unprintable)
  return Effect.succeed(Redacted.make(raw, { label: variable }))
}

/** An origin for the v2 API: a trailing `/` or `/v2` is dropped; `/v1` (shut down in 2026) is refused. */
export const normalizeBaseUrl = (
  value: string,
  variable = "CAL_COM_BASE_URL"
): Effect.Effect<string, CalComConfigError> => {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return fail(variable, `${variable} is not a URL (expected e.g. ${DEFAULT_BASE_URL})`)
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return fail(variable, `${variable} must be an http(s) URL (expected e.g. ${DEFAULT_BASE_URL})`)
  }
  if (url.search !== "" || url.hash !== "") return fail(variable, `${variable} must not have a query or fragment`)
  const path = url.pathname.replace(/\/+$/, "")
  if (/\/v1$/.test(path)) {
    return fail(
      variable,
      `${variable} points at API v1, which was shut down in 2026: use the origin (e.g. ${DEFAULT_BASE_URL})`
    )
  }
  return Effect.succeed(`${url.origin}${path.replace(/\/v2$/, "")}`)
}

const duration = (
  input: Duration.Input | undefined,
  fallback: Duration.Input,
  variable: string
): Effect.Effect<Duration.Duration, CalComConfigError> => {
  const parsed = Duration.fromInput(input ?? fallback)
  return Option.isSome(parsed) && Duration.toMillis(parsed.value) > 0
    ? Effect.succeed(parsed.value)
    : fail(variable, `${variable} must be a positive duration such as "30 seconds"`)
}

const count = (value: number | undefined, fallback: number, variable: string, min: number) =>
  value === undefined
    ? Effect.succeed(fallback)
    : Number.isInteger(value) && value >= min && value <= 100
      ? Effect.succeed(value)
      : fail(variable, `${variable} must be a whole number from ${min} to 100`)

/** A body cap: a whole number of bytes from 1 KiB to 1 GiB. */
const byteCap = (value: number | undefined): Effect.Effect<number, CalComConfigError> =>
  value === undefined
    ? Effect.succeed(DEFAULT_MAX_RESPONSE_BYTES)
    : Number.isSafeInteger(value) && value >= 1024 && value <= 2 ** 30
      ? Effect.succeed(value)
      : fail("maxResponseBytes", "maxResponseBytes must be a whole number of bytes from 1024 to 1073741824")

/**
 * A Redis URL: `redis://` or `rediss://` with a host. Messages never show the value (it may hold a
 * password).
 */
export const normalizeRedisUrl = (
  value: Redacted.Redacted<string> | string,
  variable = "CAL_COM_REDIS_URL"
): Effect.Effect<Redacted.Redacted<string>, CalComConfigError> => {
  const raw = (typeof value === "string" ? value : Redacted.value(value)).trim()
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return fail(variable, `${variable} is not a URL (expected redis://host:6379)`)
  }
  if ((url.protocol !== "redis:" && url.protocol !== "rediss:") || url.hostname === "") {
    return fail(variable, `${variable} must be a redis:// or rediss:// URL with a host (expected redis://host:6379)`)
  }
  return Effect.succeed(Redacted.make(raw, { label: variable }))
}

/** Validates options and applies defaults. */
export const resolveOptions = (options: CalComOptions): Effect.Effect<ResolvedOptions, CalComConfigError> =>
  Effect.gen(function* () {
    return {
      apiKey: yield* normalizeApiKey(options.apiKey, "apiKey"),
      baseUrl: yield* refuseCleartext(
        yield* normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, "baseUrl"),
        options.allowInsecureHttp === true
      ),
      userId: options.userId,
      orgId: options.orgId,
      timeout: yield* duration(options.timeout, "30 seconds", "timeout"),
      deadline: yield* duration(options.deadline, "2 minutes", "deadline"),
      maxRetries: yield* count(options.retry?.maxRetries, 3, "retry.maxRetries", 0),
      baseDelay: yield* duration(options.retry?.baseDelay, "1 second", "retry.baseDelay"),
      maxDelay: yield* duration(options.retry?.maxDelay, "30 seconds", "retry.maxDelay"),
      waitOnRateLimit: options.waitOnRateLimit ?? true,
      breakerFailures: yield* count(options.circuitBreaker?.failures, 5, "circuitBreaker.failures", 1),
      breakerOpen: yield* duration(options.circuitBreaker?.openDuration, "5 seconds", "circuitBreaker.openDuration"),
      breakerMaxOpen: yield* duration(
        options.circuitBreaker?.maxOpenDuration,
        "1 minute",
        "circuitBreaker.maxOpenDuration"
      ),
      verifyOnStart: options.verifyOnStart ?? false,
      profileTtl: yield* duration(options.profileTtl, "5 minutes", "profileTtl"),
      fetch: options.fetch,
      maxResponseBytes: yield* byteCap(options.maxResponseBytes),
      redisUrl: options.redisUrl === undefined ? undefined : yield* normalizeRedisUrl(options.redisUrl, "redisUrl")
    }
  })

/** A duration setting: `"30 seconds"` (anything `Duration.fromInput` reads) or whole milliseconds. */
const durationSetting = (name: string): Config.Config<Duration.Duration> =>
  Config.Duration(name).pipe(Config.orElse(() => Config.Int(name).pipe(Config.map(Duration.millis))))

const isPositive = (d: Duration.Duration) => Duration.toMillis(d) > 0
const isPositiveId = (n: number) => n > 0 && Number.isSafeInteger(n)

/**
 * Reads `CalComOptions` from the current `ConfigProvider`. A missing key is a
 * `CalComConfigError`; `describeMissingKey` lets the caller say where it looked. Values are
 * parsed by Effect's `Config` combinators; a value that is set but unreadable or out of range is
 * a `CalComConfigError` naming the variable and what it must be (never the value).
 */
export const fromConfig = (
  describeMissingKey = "set it in the configuration (environment)"
): Effect.Effect<CalComOptions, CalComConfigError> =>
  Effect.gen(function* () {
    const provider = yield* ConfigProvider.ConfigProvider
    /** The setting when set; `undefined` when absent. */
    const optional = <A>(variable: string, config: Config.Config<A>, expected: string, valid?: (a: A) => boolean) => {
      const refuse = () => new CalComConfigError({ variable, message: `${variable} ${expected}` })
      return Config.option(config)
        .parse(provider)
        .pipe(
          Effect.mapError(refuse),
          Effect.flatMap((value) =>
            Option.isNone(value)
              ? Effect.succeed(undefined)
              : valid === undefined || valid(value.value)
                ? Effect.succeed(value.value)
                : Effect.fail(refuse())
          )
        )
    }
    const apiKey = yield* optional("CAL_COM_API_KEY", Config.Redacted("CAL_COM_API_KEY"), "could not be read")
    if (apiKey === undefined) {
      return yield* fail("CAL_COM_API_KEY", `CAL_COM_API_KEY is not set: ${describeMissingKey}`)
    }
    const baseUrl = yield* optional("CAL_COM_BASE_URL", Config.String("CAL_COM_BASE_URL"), "could not be read")
    const id = (variable: string) =>
      optional(variable, Config.Int(variable), "must be a positive integer", isPositiveId)
    const duration = (variable: string, example: string) =>
      optional(
        variable,
        durationSetting(variable),
        `must be a positive duration ("${example}") or milliseconds`,
        isPositive
      )
    const flag = (variable: string) => optional(variable, Config.Boolean(variable), "must be true or false")
    const redisUrl = yield* optional("CAL_COM_REDIS_URL", Config.Redacted("CAL_COM_REDIS_URL"), "could not be read")
    const options: CalComOptions = {
      apiKey: yield* normalizeApiKey(apiKey),
      baseUrl: baseUrl === undefined ? undefined : yield* normalizeBaseUrl(baseUrl),
      userId: yield* id("CAL_COM_USER_ID"),
      orgId: yield* id("CAL_COM_ORG_ID"),
      timeout: yield* duration("CAL_COM_TIMEOUT", "30 seconds"),
      deadline: yield* duration("CAL_COM_DEADLINE", "2 minutes"),
      retry: {
        maxRetries: yield* optional(
          "CAL_COM_MAX_RETRIES",
          Config.Int("CAL_COM_MAX_RETRIES"),
          "must be a whole number from 0 to 100",
          (n) => n >= 0 && n <= 100
        )
      },
      waitOnRateLimit: yield* flag("CAL_COM_WAIT_ON_RATE_LIMIT"),
      allowInsecureHttp: yield* flag("CAL_COM_ALLOW_INSECURE_HTTP"),
      verifyOnStart: yield* flag("CAL_COM_VERIFY_ON_START"),
      ...(redisUrl === undefined ? {} : { redisUrl: yield* normalizeRedisUrl(redisUrl) })
    }
    return options
  })

/**
 * What a `.env` file gave: where it was looked for, whether it was there, and its values.
 * Plain data, so the platform-neutral `loadOptions` can take it; reading one is the job of the
 * Node entry (`effect-calcom/node`, `readDotEnv`).
 */
export interface DotEnvSource {
  readonly path: string
  readonly found: boolean
  readonly values: Record<string, string>
}

/** Logs where the key came from and the base URL in force, never the key. */
const logLoaded = (options: CalComOptions, apiKeySource: string, dotenv: string) =>
  Effect.logDebug("effect-calcom configuration loaded").pipe(
    Effect.annotateLogs({ apiKeySource, dotenv, baseUrl: options.baseUrl ?? `${DEFAULT_BASE_URL} (default)` })
  )

/**
 * Options from the current `ConfigProvider` (by default the environment), with the values of
 * `dotenv` underneath when given (the environment wins, variable by variable). A missing key's
 * message says where it was looked for; a debug log says where the key came from, never the key.
 */
export const loadOptions = (dotenv?: DotEnvSource): Effect.Effect<CalComOptions, CalComConfigError> =>
  Effect.gen(function* () {
    const current = yield* ConfigProvider.ConfigProvider
    if (dotenv === undefined) {
      const options = yield* fromConfig()
      yield* logLoaded(options, "environment", "none")
      return options
    }
    const keyInEnvironment = yield* Config.option(Config.String("CAL_COM_API_KEY"))
      .parse(current)
      .pipe(
        Effect.map(Option.isSome),
        Effect.orElseSucceed(() => false)
      )
    const merged = ConfigProvider.orElse(current, ConfigProvider.fromEnvRecord(dotenv.values))
    const where = dotenv.found ? `the environment or ${dotenv.path}` : `the environment (no .env at ${dotenv.path})`
    const options = yield* fromConfig(`set it in ${where}`).pipe(
      Effect.provideService(ConfigProvider.ConfigProvider, merged)
    )
    yield* logLoaded(options, keyInEnvironment ? "environment" : dotenv.path, dotenv.found ? dotenv.path : "none")
    return options
  })
