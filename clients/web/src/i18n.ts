// Every string the interface shows, keyed, in one place, in the six UN languages: Arabic (right to
// left), Chinese (Simplified), English, French, Russian and Spanish. English is here and in the first
// download; the other five are in ./locales/<lang>/<lang>.ts, and only the chosen one is loaded,
// before the first render (the top-level await below). The strings of the archive and the
// proceedings pages are in ./i18nProceedings, loaded with those pages (`addMessages`).
import type { LaterMessageKey } from './i18nProceedings';

const en = {
  'app.name': 'IGF Platform',
  'app.skipToContent': 'Skip to content',
  'app.loading': 'Loading…',
  'app.error.network': 'The platform could not be reached. Check your connection and try again.',
  'app.retry': 'Try again',

  'nav.main': 'Main',
  'nav.sessions': 'Sessions',
  'nav.signIn': 'Sign in',
  'nav.createAccount': 'Create an account',
  'nav.noAccount': 'No account yet?',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': 'Signed in as {name}',
  'nav.language': 'Language',
  'content.untranslated': 'Some content is shown in its original language ({language}): it has no English translation yet.',

  'home.title': 'Sessions',
  'home.intro': 'The session calendar of the Internet Governance Forum. Times are shown in your time zone ({zone}).',
  'home.liveNow': 'Live now',
  'home.empty': 'There are no sessions yet.',
  'home.topics': 'Topics',
  'home.count.one': '{count} session',
  'home.count.other': '{count} sessions',
  'home.filters': 'Filter the calendar',
  'home.filter.status': 'Status',
  'home.filter.type': 'Session type',
  'home.filter.topic': 'Topic',
  'home.filter.any': 'All',
  'home.filter.clear': 'Clear filters',
  'home.emptyFiltered': 'No sessions match these filters.',
  'home.addToCalendar': 'Add to calendar',
  'home.addToCalendarLabel': 'Add to calendar: “{title}” (iCalendar file)',

  'session.title': 'Session',
  'session.notFound': 'This session does not exist, or it is not public yet.',
  'session.backToList': 'All sessions',
  'session.description': 'About this session',
  'session.when': '{start} – {end}',
  'session.duration': '{minutes} minutes',
  'session.durationShown': '({minutes} minutes)',
  'session.agenda': 'Agenda',
  'session.agendaEmpty': 'The agenda has no items yet.',
  'session.agendaTotal': 'Total: {minutes} minutes',
  'session.itemMinutes': '{minutes} min',
  'session.speakers': 'Speakers: {names}',
  'session.now': 'Now',
  'session.agendaChanged': 'The agenda changed.',
  'session.currentChanged': 'Now: {title}',
  'session.noCurrent': 'No item is current now.',
  'session.itemSkipped': 'Skipped: {title}',
  'session.item.upcoming': 'Upcoming',
  'session.item.current': 'Now',
  'session.item.done': 'Done',
  'session.item.skipped': 'Skipped',
  'session.item.when': '{start}–{end}',
  'session.item.plannedActual': 'Planned {plannedStart}–{plannedEnd} · Actual {actualStart}–{actualEnd}',
  'session.late.one': 'Running {count} min late',
  'session.late.other': 'Running {count} min late',
  'session.early.one': 'Running {count} min early',
  'session.early.other': 'Running {count} min early',
  'session.onTime': 'On time',
  'session.endedLate.one': 'Ended {count} min late',
  'session.endedLate.other': 'Ended {count} min late',
  'session.endedEarly.one': 'Ended {count} min early',
  'session.endedEarly.other': 'Ended {count} min early',
  'session.endedOnTime': 'Ended on time',
  'session.expectedEnd': 'expected end {time}',
  'session.actualEnd': 'ended {time}',

  'presence.title': 'Who is following',
  'presence.total.one': '{count} following ({inRoom} in the room, {remote} remote)',
  'presence.total.other': '{count} following ({inRoom} in the room, {remote} remote)',
  'presence.byGroup': 'By stakeholder group',
  'presence.byRegion': 'By region',
  'presence.byGender': 'By gender (where declared)',
  'presence.note': 'Only registered participants are counted by group, region and gender.',
  'attendance.legend': 'Where do you follow from?',
  'attendance.inRoom': 'I am in the room',
  'attendance.remote': 'I follow remotely',
  'attendance.error': 'Where you follow from was not saved: {message}',
  'session.statusChanged': 'The session is now {status}.',
  'session.connection': 'Connection: {state}',

  'conn.connecting': 'connecting',
  'conn.connected': 'connected',
  'conn.reconnecting': 'reconnecting',
  'conn.resynced': 'connected (resynced)',
  'conn.disconnected': 'disconnected',
  'conn.announce.reconnecting': 'Connection lost. Reconnecting…',
  'conn.announce.resynced': 'Reconnected. The session is up to date.',
  'conn.announce.connected': 'Connected. Updates appear live.',
  'conn.announce.resyncedPage': 'Reconnected. The page is up to date.',

  'mod.title': 'Moderator controls',
  'mod.sessionControls': 'Session',
  'mod.start': 'Start session',
  'mod.next': 'Next item',
  'mod.noNext': 'There is no upcoming item.',
  'mod.end': 'End session',
  'mod.confirmEnd': 'End this session for everyone?',
  'mod.addItem': 'Add an agenda item',
  'mod.itemTitle': 'Title',
  'mod.itemMinutes': 'Minutes',
  'mod.add': 'Add item',
  'mod.itemControls': 'Controls for “{title}”',
  'mod.moveUp': 'Up',
  'mod.moveUpLabel': 'Move “{title}” up',
  'mod.moveDown': 'Down',
  'mod.moveDownLabel': 'Move “{title}” down',
  'mod.extend': '+5 min',
  'mod.extendLabel': '+5 min for “{title}”',
  'mod.shorten': '−5 min',
  'mod.shortenLabel': '−5 min for “{title}”',
  'mod.skip': 'Skip',
  'mod.skipLabel': 'Skip “{title}”',
  'mod.makeCurrent': 'Make current',
  'mod.makeCurrentLabel': 'Make current: “{title}”',
  'mod.remove': 'Remove',
  'mod.removeLabel': 'Remove “{title}”',
  'mod.error.titleRequired': 'Give the item a title.',
  'mod.error.minutes': 'Minutes must be a whole number from 1 to 480.',
  'mod.error.notConnected': 'Not connected. Try again when the connection is back.',
  'mod.error.generic': 'The change was not made: {message}',
  'mod.itemAdded': 'Added “{title}”.',
  'mod.dismiss': 'Dismiss',

  'q.title': 'Questions',
  'q.count.one': '{count} question',
  'q.count.other': '{count} questions',
  'q.preModeration': 'The moderators review questions before they are shown.',
  'q.closed': 'Questions are taken while the session is scheduled or live.',
  'q.signInPrompt': '{link} to ask questions and upvote them.',
  'q.signInLink': 'Sign in',
  'q.ask.heading': 'Ask a question',
  'q.ask.label': 'Your question',
  'q.ask.count': '{count} of {max} characters',
  'q.ask.anonymous': 'Ask anonymously',
  'q.ask.anonymousHint': 'Your name is not shown; your stakeholder group and region are. The moderators see who asked.',
  'q.ask.submit': 'Ask',
  'q.ask.sending': 'Sending your question…',
  'q.ask.waiting': 'Not connected: your question is sent as soon as the connection is back.',
  'q.ask.sent': 'Your question was sent.',
  'q.ask.sentReview': 'Your question was sent. It is shown once a moderator approves it.',
  'q.ask.error.empty': 'Write your question first.',
  'q.ask.error.tooLong': 'A question has at most {max} characters.',
  'q.ask.error.refused': 'Your question was not sent: {message}',
  'q.order': 'Order',
  'q.order.votes': 'Most votes',
  'q.order.time': 'Newest',
  'q.empty': 'No questions yet.',
  'q.anonymous': 'Anonymous',
  'q.votes.one': '{count} vote',
  'q.votes.other': '{count} votes',
  'q.upvote': 'Upvote',
  'q.vote.error': 'Your vote was not counted: {message}',
  'q.badge.now': 'Being answered now',
  'q.badge.answered': 'Answered',
  'q.mine': 'My questions',
  'q.status.pending': 'Waiting for review',
  'q.status.approved': 'Approved',
  'q.status.answered': 'Answered',
  'q.status.hidden': 'Hidden',
  'q.reason': 'Reason: {reason}',
  'q.announce.new.one': 'New question.',
  'q.announce.new.other': '{count} new questions.',
  'q.announce.approved': 'Your question was approved.',
  'q.announce.hidden': 'Your question was hidden.',
  'q.announce.hiddenReason': 'Your question was hidden. Reason: {reason}',
  'q.announce.answering': 'Now answering: {text}',

  'qm.title': 'Question console',
  'qm.preModeration': 'Review questions before they are shown',
  'qm.pending': 'Waiting for review',
  'qm.approved': 'Shown',
  'qm.answered': 'Answered',
  'qm.hidden': 'Hidden',
  'qm.none': 'None.',
  'qm.askedAnonymously': 'asked anonymously',
  'qm.actions': 'Actions for this question',
  'qm.approve': 'Approve',
  'qm.hide': 'Hide',
  'qm.highlight': 'Highlight',
  'qm.markAnswered': 'Mark answered',
  'qm.hideReason': 'Why is it hidden? The asker sees this.',
  'qm.hideConfirm': 'Hide question',
  'qm.cancel': 'Cancel',
  'qm.reasonRequired': 'Give a reason: the asker sees it.',
  'qm.error': 'Not done: {message}',
  'qm.announce.pending.one': '{count} question waits for review.',
  'qm.announce.pending.other': '{count} questions wait for review.',

  'floor.title': 'The floor',
  'floor.speaking': 'Speaking now',
  'floor.nobody': 'Nobody has the floor.',
  'floor.timer': '{elapsed} of {allotted}',
  'floor.timerOver': '{elapsed} of {allotted}: {over} over time',
  'floor.inRoom': 'In the room',
  'floor.remote': 'Remote',
  'floor.hub.one': 'Remote hub {name} ({count} person)',
  'floor.hub.other': 'Remote hub {name} ({count} people)',
  'floor.kind.intervention': 'Intervention',
  'floor.kind.reply': 'Reply',
  'floor.kind.pointOfOrder': 'Point of order',
  'floor.line': 'The line',
  'floor.waiting.one': '{count} waiting',
  'floor.waiting.other': '{count} waiting',
  'floor.open': 'Taking requests',
  'floor.closed': 'Not taking requests',
  'floor.lineEmpty': 'Nobody is waiting.',
  'floor.you': 'you',
  'floor.more.one': 'and {count} more',
  'floor.more.other': 'and {count} more',
  'floor.mine.next': 'You are next.',
  'floor.mine.position.one': 'You are {count}st in line.',
  'floor.mine.position.two': 'You are {count}nd in line.',
  'floor.mine.position.few': 'You are {count}rd in line.',
  'floor.mine.position.other': 'You are {count}th in line.',
  'floor.mine.speaking': 'You have the floor.',
  'floor.mine.request': 'Your request: {kind}',
  'floor.mine.withdraw': 'Withdraw',
  'floor.mine.withdrawn': 'Your request was withdrawn.',
  'floor.mine.dismissed': 'A moderator took your request out of the queue.',
  'floor.mine.dismissedReason': 'A moderator took your request out of the queue. Reason: {reason}',
  'floor.mine.error': 'Not withdrawn: {message}',
  'floor.ask.heading': 'Ask for the floor',
  'floor.ask.kind': 'What for?',
  'floor.ask.intervention': 'An intervention',
  'floor.ask.reply': 'A reply to the speech',
  'floor.ask.pointOfOrder': 'A point of order',
  'floor.ask.note': 'Note for the moderators (optional)',
  'floor.ask.hub': 'We are a remote hub (a room of remote participants)',
  'floor.ask.hubName': 'Name of the hub',
  'floor.ask.headcount': 'People in the hub',
  'floor.ask.submit': 'Ask for the floor',
  'floor.ask.sending': 'Asking for the floor…',
  'floor.ask.waiting': 'Not connected: your request is sent as soon as the connection is back.',
  'floor.ask.error.hubName': 'Give the name of the hub.',
  'floor.ask.error.headcount': 'The number of people is a whole number from 1 to 100,000.',
  'floor.ask.error.refused': 'Your request was not taken: {message}',
  'floor.ask.closed': 'The moderators are not taking requests for the floor now.',
  'floor.ask.notLive': 'The floor is asked for while the session is scheduled or live.',
  'floor.signInPrompt': '{link} to ask for the floor.',
  'floor.balance': 'Balance of the floor',
  'floor.speeches.one': '{count} speech',
  'floor.speeches.other': '{count} speeches',
  'floor.balance.total': '{speeches}, {time} of floor time, as of {at}',
  'floor.balance.none': 'Nobody has spoken yet.',
  'floor.chart.title': 'Floor time by stakeholder group, against the target',
  'floor.chart.legend': 'Bars: share of floor time. Lines: target.',
  'floor.table.group': 'Stakeholder group',
  'floor.table.speeches': 'Speeches',
  'floor.table.time': 'Floor time',
  'floor.table.share': 'Share',
  'floor.table.target': 'Target',
  'floor.noTarget': 'none',
  'floor.byRegion': 'By region',
  'floor.byGender': 'By gender (of those who declared one)',
  'floor.shareOf': '{name}: {share}',
  'floor.shareOfTarget': '{name}: {share} (target {target})',
  'floor.where': 'In the room and remote',
  'floor.hubs': 'Through remote hubs: {share} ({count} people)',
  'floor.overrides': 'Floor given out of turn',
  'floor.override': '{time} · {moderator} gave the floor to {name} ({group}) instead of the suggestion ({suggested}). Reason: {reason}',
  'floor.overrideAlone': '{time} · {moderator} gave the floor to {name} ({group}). Reason: {reason}',
  'floor.dismissals': 'Requests taken out of the queue',
  'floor.dismissal': '{time} · {moderator} took a request ({group}) out of the queue. Reason: {reason}',
  'floor.none': 'None.',
  'floor.announce.speaker': 'Now speaking: {name}.',
  'floor.announce.ended': 'The speech has ended.',
  'floor.announce.open': 'The speaking queue is open.',
  'floor.announce.closed': 'The speaking queue is closed.',

  'fm.title': 'Speaking queue console',
  'fm.open': 'Take requests for the floor',
  'fm.suggest': 'Suggest next speaker',
  'fm.end': 'End speech',
  'fm.suggestion': 'Suggested next speaker',
  'fm.rule': 'Rule: {rule}',
  'fm.rule.pointOfOrder': 'points of order first',
  'fm.rule.reply': 'replies straight after the speech',
  'fm.rule.balance': 'stakeholder balance',
  'fm.rule.overBudget': 'every waiting group is past its time budget',
  'fm.give': 'Give the floor',
  'fm.giveTo': 'Give the floor to {name}',
  'fm.dismiss': 'Dismiss',
  'fm.dismissOf': 'Dismiss the request of {name}',
  'fm.queue': 'Waiting ({count})',
  'fm.more': '{count} more are not shown.',
  'fm.waited': 'waited {time}',
  'fm.note': 'Note: {note}',
  'fm.suggested': 'Suggested',
  'fm.giveReason': 'Not the suggestion: why does this speaker have the floor now? Kept and shown with the figures.',
  'fm.dismissReason': 'Why is this request taken out of the queue? Shown with the figures.',
  'fm.dismissConfirm': 'Dismiss request',
  'fm.reasonRequired': 'Give a reason: it is kept and shown with the figures.',
  'fm.error': 'Not done: {message}',
  'fm.add': 'Add a speaker in the room',
  'fm.add.name': 'Name',
  'fm.add.group': 'Stakeholder group',
  'fm.add.region': 'Region',
  'fm.add.gender': 'Gender (optional)',
  'fm.add.kind': 'Kind',
  'fm.add.choose': 'Choose…',
  'fm.add.notGiven': 'Not given',
  'fm.add.submit': 'Add to the queue',
  'fm.add.error.name': 'Give the speaker’s name (at most 80 characters).',
  'fm.add.error.choose': 'Choose a stakeholder group and a region.',
  'fm.added': 'Added {name} to the queue.',

  'signin.title': 'Sign in',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.working': 'Signing in…',
  'signin.failed': 'Sign-in failed: {message}',
  'signin.already': 'You are signed in as {name}.',
  'signin.demoHint': 'Demo sign-ins are listed in the project README.',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',

  'status.draft': 'Draft',
  'status.scheduled': 'Scheduled',
  'status.live': 'Live',
  'status.ended': 'Ended',
  'status.published': 'Published',

  'type.mainSession': 'Main session',
  'type.workshop': 'Workshop',
  'type.openForum': 'Open forum',
  'type.dynamicCoalition': 'Dynamic coalition',
  'type.bestPracticeForum': 'Best practice forum',
  'type.nri': 'National and regional initiative',
  'type.townHall': 'Town hall',
  'type.lightningTalk': 'Lightning talk',

  'topic.critical-internet-resources': 'Critical Internet resources',
  'topic.spam': 'Spam',
  'topic.cybersecurity': 'Cybersecurity',
  'topic.interconnection-costs': 'Interconnection costs',
  'topic.multilingualism': 'Multilingualism',
  'topic.privacy-data-protection': 'Privacy and data protection',
  'topic.domain-names': 'Domain names',
  'topic.consumer-protection': 'Consumer protection',
  'topic.capacity-building': 'Capacity building',
  'topic.development': 'Development',

  'nav.topics': 'Topics',
  'nav.groups': 'Stakeholder groups',

  'topics.title': 'Policy topics',
  'topics.intro': 'The Internet governance topics the Forum discusses, from the texts of the World Summit on the Information Society.',
  'topics.empty': 'There are no topics yet.',
  'topics.back': 'All topics',
  'topics.notFound': 'This topic does not exist.',
  'topics.sources': 'Source paragraphs',
  'topics.source': '{document}, paragraph {paragraph}',
  'topics.related': 'Related topics',
  'topics.sessions': 'Sessions over the years',
  'topics.noSessions': 'No sessions on this topic yet.',
  'topics.consultations': 'Consultations',
  'topics.noConsultations': 'No consultations on this topic yet.',
  'topics.closes': 'closes {date}',
  'topics.comments.one': '{count} comment',
  'topics.comments.other': '{count} comments',
  'topics.live.opened': 'New consultation: {title}.',
  'topics.followers.one': '{count} follower',
  'topics.followers.other': '{count} followers',
  'topics.follow': 'Follow',
  'topics.following': 'Following',
  'topics.followHint': 'Sign in to follow this topic.',
  'topics.followError': 'Following was not changed: {message}',

  'groups.title': 'Stakeholder groups',
  'groups.intro': 'The six stakeholder groups of the Forum: their registered members, and how the floor was shared in ended sessions.',
  'groups.back': 'All stakeholder groups',
  'groups.notFound': 'There is no such stakeholder group.',
  'groups.members.one': '{count} member',
  'groups.members.other': '{count} members',
  'groups.chart.title': 'Share of the floor across the forum, by stakeholder group',
  'groups.chart.legend': 'Bars: the group\'s share of all floor time in ended sessions.',
  'groups.table.group': 'Stakeholder group',
  'groups.table.members': 'Members',
  'groups.table.speeches': 'Speeches',
  'groups.table.time': 'Floor time',
  'groups.table.share': 'Share of the floor',
  'groups.list': 'The groups',
  'groups.floor': '{speeches} speeches, {time} of floor time ({share} of the forum)',
  'groups.byRegion': 'Members by region',
  'groups.byGender': 'Members by gender (where declared)',
  'groups.sessions': 'Sessions where the group spoke',
  'groups.noSessions': 'The group has not spoken in an ended session yet.',
  'groups.session.share': '{share} of the floor',
  'groups.table.session': 'Session',
  'groups.table.ended': 'Ended',

  'consult.title': 'Consultation',
  'consult.notFound': 'This consultation does not exist.',
  'consult.topic': 'On the topic {topic}',
  'consult.phase.open': 'Open for comments',
  'consult.phase.closed': 'Closed',
  'consult.phase.published': 'Final text published',
  'consult.closes': 'Comments close {date}',
  'consult.closed': 'Comments closed {date}',
  'consult.closedNotice': 'This consultation is closed: contributions and replies are no longer taken.',
  'consult.draft': 'Draft text (version {version})',
  'consult.final': 'Final text (version {version})',
  'consult.finalBadge': 'Final',
  'consult.versions': 'Published versions',
  'consult.paragraph': 'Paragraph {number}',
  'consult.whole': 'The whole text',
  'consult.wholeHint': 'Comments on the draft as a whole.',
  'consult.thread': 'Comments',
  'consult.noContributions': 'No comments yet.',
  'consult.counts': 'Agree {agree} · Disagree {disagree} · Neutral {neutral}',
  'consult.stance': 'Your stance',
  'consult.stance.agree': 'Agree',
  'consult.stance.disagree': 'Disagree',
  'consult.stance.neutral': 'Neutral',
  'consult.stance.none': 'No stance',
  'consult.text': 'Your comment',
  'consult.submit': 'Contribute',
  'consult.sending': 'Sending…',
  'consult.stanceRequired': 'Choose a stance.',
  'consult.textRequired': 'Write your comment.',
  'consult.sent': 'Your comment was added.',
  'consult.comment': 'Comment on this paragraph',
  'consult.commentWhole': 'Comment on the whole text',
  'consult.reply': 'Reply',
  'consult.replyTo': 'Reply to {name}',
  'consult.replyText': 'Your reply',
  'consult.sendReply': 'Send reply',
  'consult.cancel': 'Cancel',
  'consult.report': 'Report',
  'consult.reported': 'Reported',
  'consult.reportLabel': 'Report the comment by {name}',
  'consult.reportDone': 'Thank you, the comment was reported.',
  'consult.signIn': 'Sign in to take part',
  'consult.signInHint': 'to comment or reply.',
  'consult.hidden': 'Hidden until reviewed',
  'consult.mine': 'You',
  'consult.summary': 'Summary by stakeholder group',
  'consult.summary.group': 'Stakeholder group',
  'consult.summary.contributions': 'Comments',
  'consult.summary.replies': 'Replies',
  'consult.summary.total': 'All groups',
  'consult.summary.hidden.one': '{count} comment hidden until reviewed is not counted.',
  'consult.summary.hidden.other': '{count} comments hidden until reviewed are not counted.',
  'consult.author': '{name}, {group}',
  'consult.live.comment': 'New comment on paragraph {number} from {group}.',
  'consult.live.commentWhole': 'New comment on the whole text from {group}.',
  'consult.live.reply': 'New reply on paragraph {number} from {group}.',
  'consult.live.replyWhole': 'New reply on the whole text from {group}.',
  'consult.live.many.one': '{count} new comment or reply.',
  'consult.live.many.other': '{count} new comments and replies.',
  'consult.live.published': 'The final text (version {version}) was published.',

  'nav.archive': 'Archive',

  'session.proceedings.published': 'The proceedings of this session are published.',
  'session.proceedings.version': 'Version {version} of the proceedings is published.',
  'session.proceedings.read': 'Read the proceedings',
  'session.proceedings.announce': 'Version {version} of the proceedings of this session is published.',
  'session.proceedings.prepare': 'Prepare and publish the proceedings',
  'session.proceedings.edit': 'Edit the proceedings and publish a new version',

  'group.government': 'Government',
  'group.privateSector': 'Private sector',
  'group.civilSociety': 'Civil society',
  'group.intergovernmentalOrganization': 'Intergovernmental organizations',
  'group.internationalOrganization': 'International organizations',
  'group.technicalAcademic': 'Technical and academic community',

  'region.africa': 'Africa',
  'region.asiaPacific': 'Asia-Pacific',
  'region.easternEurope': 'Eastern Europe',
  'region.latinAmericaCaribbean': 'Latin America and the Caribbean',
  'region.westernEuropeOthers': 'Western Europe and others',

  'gender.female': 'Female',
  'gender.male': 'Male',
  'gender.nonBinary': 'Non-binary',
  'gender.undisclosed': 'Prefers not to say',
} as const;

/** The keys of the strings in the first download, and of those that come with a page's chunk. */
export type MessageKey = keyof typeof en | LaterMessageKey;

/** The plural categories Intl.PluralRules can return. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseOf<K> = K extends `${infer B}.other` ? B : never;
/**
 * The type of a translation of the English dictionary `E` into a language whose cardinal plural
 * rules return the categories `C` and ordinal rules `O`: every plain key, and every plural key
 * (`base.other` in English) once per category of that language. `satisfies` it on the object
 * literal, so that a missing or an extra key fails `tsc`.
 */
export type Translation<E, C extends PluralCategory, O extends PluralCategory = 'other', Ordinal extends string = never> = {
  [K in Exclude<keyof E & string, `${BaseOf<keyof E>}.${PluralCategory}`>]: string;
} & { [K in `${Exclude<BaseOf<keyof E>, Ordinal>}.${C}`]: string } & { [K in `${Ordinal & BaseOf<keyof E>}.${O}`]: string };
/** The bases of this dictionary's ordinal keys (`tOrdinal`). */
export type MainOrdinal = 'floor.mine.position';
/** A translation of the main dictionary, as ./locales/<lang>/<lang>.ts give it. */
export type MainTranslation<C extends PluralCategory, O extends PluralCategory = 'other'> = Translation<typeof en, C, O, MainOrdinal>;

/** The interface languages, in the UN's order, each named in itself. */
export const languages = [
  { code: 'ar', tag: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'zh', tag: 'zh-Hans', name: '中文', dir: 'ltr' },
  { code: 'en', tag: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', tag: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ru', tag: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'es', tag: 'es', name: 'Español', dir: 'ltr' },
] as const;
export type LanguageCode = (typeof languages)[number]['code'];

// One chunk per language: an English reader downloads none of them.
const loaders: Record<Exclude<LanguageCode, 'en'>, () => Promise<{ default: Record<string, string> }>> = {
  ar: () => import('./locales/ar/ar'),
  zh: () => import('./locales/zh/zh'),
  fr: () => import('./locales/fr/fr'),
  ru: () => import('./locales/ru/ru'),
  es: () => import('./locales/es/es'),
};

/** Where the person's choice of language is kept. */
export const LANGUAGE_STORAGE_KEY = 'igf.lang';
const isLanguage = (code: string | null | undefined): code is LanguageCode =>
  !!code && languages.some((l) => l.code === code);
const baseOf = (tag: string): string => tag.toLowerCase().split('-')[0] ?? '';

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? ['en'] : navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The chosen language: `?lang=` in the address (then kept), the kept choice, the browser's, English. */
function chooseLanguage(): LanguageCode {
  try {
    const url = new URL(location.href);
    const asked = baseOf(url.searchParams.get('lang') ?? '');
    if (url.searchParams.has('lang')) {
      // Kept, and taken out of the address so that the pages' own query strings stay theirs.
      url.searchParams.delete('lang');
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
      if (isLanguage(asked)) {
        localStorage.setItem(LANGUAGE_STORAGE_KEY, asked);
        return asked;
      }
    }
    const kept = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(kept)) return kept;
  } catch {
    // No storage (private mode, blocked): the browser's languages decide.
  }
  for (const tag of browserLanguages()) {
    const base = baseOf(tag);
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The locale for dates and numbers: the browser's own variant of the language (en-GB, fr-CA …). */
function localeFor(code: LanguageCode): string {
  let tag: string = code === 'zh' ? 'zh-CN' : code;
  for (const wanted of browserLanguages()) {
    if (baseOf(wanted) !== code) continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf(wanted).length > 0) tag = wanted;
    } catch {
      // not a well-formed tag
    }
    break;
  }
  // Arabic: Western digits everywhere, deliberately. Engines differ on the default for 'ar' (some
  // give Arabic-Indic digits), and the platform's codes, hashes, e-mail addresses and entered text
  // carry Western ones: one kind of digit throughout reads best.
  if (code === 'ar') {
    try {
      return new Intl.Locale(tag, { numberingSystem: 'latn' }).toString();
    } catch {
      return 'ar-u-nu-latn';
    }
  }
  return tag;
}

/** The interface language (a code of `languages`). */
export const lang: LanguageCode = chooseLanguage();
/** The person's own locale in that language (en-GB, fr-CA …), for dates, times and numbers. */
export const locale: string = localeFor(lang);
const language = languages.find((l) => l.code === lang)!;
export const dir: 'ltr' | 'rtl' = language.dir;
/** The BCP 47 tag for `lang` attributes (zh-Hans: the script matters for fonts). */
export const langTag: string = language.tag;

/** Chooses another interface language: kept, then the page is loaded again in it (same address). */
export function chooseInterfaceLanguage(code: LanguageCode): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // Not kept: the address carries it for this load.
  }
  const url = new URL(location.href);
  url.searchParams.set('lang', code);
  location.assign(url.pathname + url.search + url.hash);
}

async function loadDictionary(): Promise<Record<string, string>> {
  if (lang === 'en') return {};
  try {
    return (await loaders[lang]()).default;
  } catch {
    return {}; // The chunk could not be loaded: English rather than nothing.
  }
}

// Loaded before anything renders: every module that imports this one waits for it.
const current: Record<string, string> = await loadDictionary();

/**
 * Strings of the pages loaded on demand (the archive, the proceedings, their editor, …): their
 * module gives its dictionaries when its chunk loads (`addMessages`), so the first download does
 * not carry them. Same keys, same `t`.
 */
const later: Record<string, string> = {};

export function addMessages(byLanguage: Record<string, Record<string, string>>): void {
  Object.assign(later, byLanguage.en, byLanguage[lang] ?? {});
}

/** The string for a key in the interface language (English where it has none yet). */
function lookup(key: string): string | undefined {
  return current[key] ?? (en as Record<string, string>)[key] ?? later[key];
}

/** The string for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = lookup(key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const plurals = new Intl.PluralRules(locale);
const ordinals = new Intl.PluralRules(locale, { type: 'ordinal' });

/** The plural form of `base` for `count` (keys `base.one`, `base.other`, … as the language needs). */
export function tn(base: string, count: number, params?: Record<string, string | number>, rules = plurals): string {
  const key = `${base}.${rules.select(count)}`;
  const text = lookup(key) ?? lookup(`${base}.other`) ?? key;
  const all: Record<string, string | number> = { count: count.toLocaleString(locale), ...params };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in all ? String(all[name]) : whole));
}

/** The ordinal form of `base` for `count` (1st, 2nd, 3rd … : keys `base.one`, `base.two`, `base.few`, `base.other`). */
export const tOrdinal = (base: string, count: number): string => tn(base, count, undefined, ordinals);

/** A label for a key that may not be known to this version (new statuses, types, topics). */
export function tOr(key: string, fallback: string): string {
  return lookup(key) ?? fallback;
}

export const statusLabel = (status: string): string => tOr(`status.${status}`, status);
export const typeLabel = (type: string): string => tOr(`type.${type}`, type);
export const topicLabel = (slug: string): string => {
  const words = slug.replace(/-/g, ' ');
  return tOr(`topic.${slug}`, words.charAt(0).toUpperCase() + words.slice(1));
};

/**
 * Like `t`, for a text with elements in it (times, links): the string's `{name}` placeholders
 * become the given nodes, the rest stays text.
 */
export function tNodes(key: MessageKey, params: Record<string, Node | string | number>): (Node | string)[] {
  const text = lookup(key) ?? key;
  const parts: (Node | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    const value = params[match[1]!];
    if (value === undefined) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(typeof value === 'number' ? value.toLocaleString(locale) : value);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/**
 * The language the platform's own `title` and `description` are written in (the contract's
 * `titles`/`descriptions` maps hold the translations; it does not name the original's language).
 */
export const CONTENT_SOURCE_LANG = 'en';

/**
 * Attributes for an element showing `localized(map, …)`: none where the text is in the interface
 * language, else the original's `lang` and `dir`, and `data-untranslated`, which the header's note
 * ("shown in its original language") looks for.
 */
export function localizedAttrs(map: Record<string, string> | undefined | null): Record<string, string> | null {
  if (lang === CONTENT_SOURCE_LANG || map?.[lang]) return null;
  return { lang: CONTENT_SOURCE_LANG, dir: 'ltr', 'data-untranslated': '' };
}

/**
 * A shipped topic's name in the interface language, where this version knows it and the platform
 * gives no translation (English: the platform's own title stays).
 */
export function knownTopicName(slug: string): string | undefined {
  return lang === 'en' ? undefined : current[`topic.${slug}`];
}

/** Sets (or clears) `localizedAttrs` on an element whose text is updated in place. */
export function markLanguage(el: Element, map: Record<string, string> | undefined | null): void {
  const attrs = localizedAttrs(map);
  for (const name of ['lang', 'dir', 'data-untranslated']) {
    if (attrs?.[name] !== undefined) el.setAttribute(name, attrs[name]);
    else el.removeAttribute(name);
  }
}

/**
 * Words from the platform itself (its problem details, the hub's refusals), which come in English
 * whatever the interface language: shown as they are, marked as English (and isolated, so that
 * a right-to-left sentence around them keeps its order).
 */
export function platformText(message: string): HTMLElement {
  const span = document.createElement('span');
  span.lang = 'en';
  span.dir = 'ltr';
  span.className = 'platform-text';
  span.textContent = message;
  return span;
}

/** The name of a language in the interface language ("anglais" for `en` in French). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A list in the interface language ("A, B et C"). */
export function formatList(items: string[]): string {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** Picks the text in the interface language from a `{lang: text}` map, else the default. */
export function localized(map: Record<string, string> | undefined | null, fallback: string): string {
  return (map && (map[lang] ?? map[lang.split('-')[0] ?? ''])) || fallback;
}

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
const dayHeading = new Intl.DateTimeFormat(locale, {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const zoneName = new Intl.DateTimeFormat(locale, { timeZoneName: 'short' });

export const formatDateTime = (d: Date): string => dateTime.format(d);
export const formatTime = (d: Date): string => timeOnly.format(d);
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
/** A share from 0 to 1 as a whole percentage. */
export const formatPercent = (share: number): string => percent.format(share);
/** A duration as minutes and seconds (h:mm:ss from an hour on). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${Math.floor(total / 60)}:${two(s)}`;
}
export const formatDay = (d: Date): string => dayHeading.format(d);
export function timeZoneLabel(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const short = zoneName.formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
  return short && short !== zone ? `${zone}, ${short}` : zone;
}
/** A key for grouping by local calendar day. */
export const dayKey = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Names of the contract's vocabulary: stakeholder groups, regions, genders. */
export const vocabularyLabel = (kind: 'group' | 'region' | 'gender', key: string): string => tOr(`${kind}.${key}`, key);
