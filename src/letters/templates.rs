//! The built-in letters: plain, polite English that names the law, written to be sent as they
//! are. Each paragraph is one line: mail readers wrap it to their width. A group's own template (kept in the database) replaces one of them.

use super::{Kind, Template};

/// The built-in template of `kind`.
pub fn builtin(kind: Kind) -> Template {
    let (subject, body) = match kind {
        Kind::Request => (
            "Freedom of Information request: {campaign} {token}",
            "Dear {body},

I am writing to request information under {act}. Please provide the following.

{questions}

If any part of this request is unclear, please contact me so that I can clarify it, as your duty to advise and assist requires. If you withhold any information, please say which exemption you rely on for each part, and release the rest.

Please reply by email to this address, keeping {token} in the subject so that the reply reaches the right place.

Yours faithfully,

{sender}
",
        ),
        Kind::Chase => (
            "Overdue Freedom of Information request: {campaign} {token}",
            "Dear {body},

I made a request for information under {act}, which you received on {sent_on}{your_reference}. Under {due_rule} a reply was due by {due_on}. It is now {days_late} late and I have not received a reply.

Please send your response as soon as possible. If you need more time to consider the public interest, please tell me which exemption you are considering and when you expect to reply.

Yours faithfully,

{sender}
",
        ),
        Kind::Review => (
            "Request for internal review: {campaign} {token}",
            "Dear {body},

I am writing to ask for an internal review, under {review_route}, of your reply of {responded_on}{your_reference} to my request for information of {sent_on}.

These parts of my request were not answered in full:

{refused}

I ask you to look again at each of them: to release the information, or to explain for each part why each exemption applies and, where an exemption is qualified, how the public interest was weighed.

Yours faithfully,

{sender}
",
        ),
        Kind::Complaint => (
            "Complaint about {body}: {campaign} {token}",
            "Dear Commissioner,

I wish to complain to {commissioner}, under {complaint_section}, about how {body} has dealt with my request for information.

- Request received: {sent_on}
- Reply due: {due_on}
- Reply: {responded_on}{reference_note}
- Internal review asked for: {review_requested_on}, due {review_due}
- Review outcome: {review_outcome}

These parts of my request remain unanswered:

{refused}

I ask you to decide whether {body} has dealt with my request in accordance with {act}. I can send copies of all the correspondence.

Yours faithfully,

{sender}
",
        ),
    };
    Template {
        subject: subject.into(),
        body: body.into(),
    }
}
