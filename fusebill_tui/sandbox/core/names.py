"""Word lists the generated dataset draws from."""

FIRST_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "William",
    "Mia", "Benjamin", "Charlotte", "Lucas", "Amelia", "Henry", "Harper", "Theodore", "Evelyn",
    "Jack", "Abigail", "Levi", "Emily", "Alexander", "Ella", "Jackson", "Elizabeth", "Mateo",
    "Camila", "Daniel", "Luna", "Michael", "Sofia", "Mason", "Avery", "Sebastian", "Mila",
    "Ethan", "Aria", "Logan", "Scarlett", "Owen", "Penelope", "Samuel", "Layla", "Jacob",
    "Chloe", "Asher", "Victoria", "Aiden", "Madison", "John", "Eleanor", "Joseph", "Grace",
    "Wyatt", "Nora", "David", "Riley", "Leo", "Zoey", "Jessica", "Priya", "Wei", "Fatima",
)
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Tremblay", "Gagnon", "Roy", "Cote",
    "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Smithson", "O'Brien", "MacDonald",
)
COMPANY_HEADS = (
    "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Hooli",
    "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Massive", "Blue Sky", "Maple",
    "Granite", "Harbour", "Summit", "Pioneer", "Lakeside", "Redwood", "Silverline", "Brightwave",
)
COMPANY_TAILS = (
    "Inc.", "Ltd.", "LLC", "Corp.", "Industries", "Labs", "Systems", "Logistics", "Foods",
    "Media", "Consulting", "Health", "Software", "Studios", "Partners", "Group",
)
DOMAINS = ("example.com", "example.org", "mail.example.net", "corp.example", "test.example")
MIDDLE_NAMES = ("Anne", "Marie", "Lee", "James", "Rose", "Paul", "Jean", "Ray", "Lynn", "Kai")
SUFFIXES = ("Jr.", "Sr.", "II", "III")
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")

NOTE_TEXTS = (
    "Called about the last invoice; promised payment by Friday.",
    "Asked to upgrade to the annual plan at renewal.",
    "Card on file expired; sent a reminder email.",
    "Requested a copy of invoice in PDF.",
    "Disputed a charge; escalated to billing.",
    "Moving offices next month, new address to follow.",
    "Happy with the service, may add seats.",
    "Payment plan agreed: three instalments.",
    "Left voicemail about overdue balance.",
    "Tax exemption certificate received.",
)
