invite-granted-host = 🎫 Invitation accepted: you are a host of the mission. Participants can now request meetings with you.
invite-granted-speaker = 🎫 Invitation accepted: your role is { $role }.
invite-granted-organiser = 🎫 Invitation accepted: you are now an organiser of the mission.
invite-preview = This is an invite link for the role “{ $role }”: { $left } of { $uses } uses left, valid until { $expires }. You are an organiser, so opening it used nothing up.
invite-invalid = ⚠️ This invite link is not valid. Check that it was copied in full, or ask the organisers for a new one.
invite-revoked = ⚠️ The organisers have withdrawn this invite link. Ask them for a new one.
invite-expired = ⚠️ This invite link has expired. Ask the organisers for a new one.
invite-used-up = ⚠️ This invite link has been used up. Ask the organisers for a new one.
invite-role-speaker-of = { $role } ({ $id })

invite-organisers-only = This command is for the mission's organisers only.
invite-usage =
    How to make an invite link:
    <code>/invite host [uses] [days]</code> — a host
    <code>/invite speaker &lt;speaker id&gt; [uses] [days]</code> — a speaker
    <code>/invite organiser [uses] [days]</code> — an organiser
    By default a link works once and for 14 days.
invite-error-usage = Which role is the link for?
invite-error-speaker-id = Give the speaker's id from the programme: lowercase Latin letters, digits and hyphens, e.g. <code>pashchenko</code>.
invite-error-unknown-speaker = The programme has no speaker with the id <code>{ $given }</code>.
invite-error-uses = The number of uses must be 1 to { $max }.
invite-error-days = The validity must be 1 to { $max } days.
invite-created =
    🔗 Invite link for the role “{ $role }”:
    <code>{ $link }</code>
    Uses: { $uses }. Valid until { $expires }.
    Forward it to the person: it opens the bot and gives them the role.

command-invite = Make an invite link (host, speaker, organiser)
command-invites = Invite links: list and revoke
invites-title = <b>Working invite links</b>
invites-none = There are no working invite links. Make one with /invite.
invites-line =
    { $n }. { $role }: <code>{ $link }</code>
    { $left } of { $uses } uses left, valid until { $expires }.
invites-revoke = ✖️ Revoke link { $n }
invites-revoked = The link is revoked: it no longer works.
